using System.Threading.Channels;
using Microsoft.Extensions.Logging;

namespace Sparring.Training.Generation;

/// <summary>
/// Gathers generation requests that arrive together (concurrent episodes, concurrent HTTP calls) into one batch, so the
/// model runs once per step for all of them. One loop owns the model: requests never run it concurrently.
/// </summary>
public sealed class GenerationBatcher : IAsyncDisposable
{
    private readonly SequenceGenerator _generator;
    private readonly int _maxBatch;
    private readonly TimeSpan _gatherWindow;
    private readonly ILogger _logger;
    private readonly Channel<Pending> _queue = Channel.CreateUnbounded<Pending>(new UnboundedChannelOptions { SingleReader = true });
    private readonly CancellationTokenSource _stopping = new();
    private readonly Task _loop;

    /// <summary>Starts the loop; <paramref name="gatherWindow"/> is how long a first request waits for others to join it.</summary>
    public GenerationBatcher(SequenceGenerator generator, int maxBatch, TimeSpan gatherWindow, ILogger logger)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxBatch, 1);
        _generator = generator;
        _maxBatch = maxBatch;
        _gatherWindow = gatherWindow;
        _logger = logger;
        _loop = Task.Factory.StartNew(RunAsync, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default).Unwrap();
    }

    /// <summary>Batches generated so far.</summary>
    public long Batches { get; private set; }

    /// <summary>Queues a request and waits for its tokens.</summary>
    public async Task<GeneratedSequence> GenerateAsync(GenerationRequest request, CancellationToken cancellationToken)
    {
        var pending = new Pending(request, new TaskCompletionSource<GeneratedSequence>(TaskCreationOptions.RunContinuationsAsynchronously), cancellationToken);
        if (!_queue.Writer.TryWrite(pending))
        {
            throw new ObjectDisposedException(nameof(GenerationBatcher));
        }

        return await pending.Completion.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _stopping.CancelAsync().ConfigureAwait(false);
        try
        {
            await _loop.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }

        _stopping.Dispose();
    }

    private async Task RunAsync()
    {
        var reader = _queue.Reader;
        var batch = new List<Pending>(_maxBatch);
        while (await reader.WaitToReadAsync(_stopping.Token).ConfigureAwait(false))
        {
            batch.Clear();
            if (_gatherWindow > TimeSpan.Zero)
            {
                await Task.Delay(_gatherWindow, _stopping.Token).ConfigureAwait(false);
            }

            while (batch.Count < _maxBatch && reader.TryRead(out var pending))
            {
                if (!pending.CancellationToken.IsCancellationRequested)
                {
                    batch.Add(pending);
                }
                else
                {
                    pending.Completion.TrySetCanceled(pending.CancellationToken);
                }
            }

            if (batch.Count == 0)
            {
                continue;
            }

            try
            {
                var results = _generator.Generate([.. batch.Select(pending => pending.Request)], cancellationToken: _stopping.Token);
                Batches++;
                for (var i = 0; i < batch.Count; i++)
                {
                    batch[i].Completion.TrySetResult(results[i]);
                }
            }
            catch (Exception ex)
            {
                _logger.LogError(ex, "Generation of a batch of {Count} failed", batch.Count);
                foreach (var pending in batch)
                {
                    pending.Completion.TrySetException(ex);
                }
            }
        }
    }

    private sealed record Pending(GenerationRequest Request, TaskCompletionSource<GeneratedSequence> Completion, CancellationToken CancellationToken);
}
