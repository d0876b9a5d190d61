using Sparring.Training.Model;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Sparring.Training.Rl;

/// <summary>
/// The update phase every RL trainer shares: epochs over shuffled minibatches of even size, each minibatch's gradient
/// accumulated over micro-batches (memory follows the micro-batch, the gradient's noise the minibatch), clipped, one
/// AdamW step, and an early stop once a minibatch has moved the policy past an approximate KL.
/// </summary>
internal sealed class MinibatchUpdates : IDisposable
{
    private readonly CausalTransformer _model;
    private readonly Parameter[] _parameters;
    private readonly MinibatchSettings _settings;
    private readonly optim.Optimizer _optimizer;
    private readonly Random _random;

    /// <summary>Updates that train only <paramref name="parameters"/> of <paramref name="model"/>.</summary>
    public MinibatchUpdates(CausalTransformer model, IEnumerable<Parameter> parameters, MinibatchSettings settings)
    {
        _model = model;
        _parameters = [.. parameters];
        _settings = settings;
        _optimizer = optim.AdamW(_parameters, settings.LearningRate, weight_decay: 0);
        _random = new Random(settings.Seed);
    }

    /// <summary>
    /// Runs the epochs over <paramref name="rows"/>. <paramref name="pass"/> gets a micro-batch's rows and the number of
    /// actions in its whole minibatch (each loss is a sum divided by it, so every action of the minibatch weighs the
    /// same whichever pass it is in), runs the forward and backward pass and returns its share of the approximate KL.
    /// </summary>
    public UpdateTotals Run(IReadOnlyList<int> rows, Func<int, int> actions, Func<int[], double, double> pass, CancellationToken cancellationToken)
    {
        if (rows.Count == 0)
        {
            return new UpdateTotals(0, 0, 0);
        }

        double approximateKl = 0, gradientNorm = 0;
        var updates = 0;
        _model.train();
        var order = rows.ToArray();
        var stoppedEarly = false;
        // Minibatches of even size: a batch of 136 with minibatch 64 is 46 + 46 + 44, not 64 + 64 + a noisy 8.
        var minibatches = (int)Math.Ceiling(order.Length / (double)_settings.MiniBatchSize);
        var minibatchSize = (int)Math.Ceiling(order.Length / (double)minibatches);
        for (var epoch = 0; epoch < _settings.Epochs && !stoppedEarly; epoch++)
        {
            _random.Shuffle(order);
            foreach (var chunk in order.Chunk(minibatchSize))
            {
                cancellationToken.ThrowIfCancellationRequested();
                _optimizer.zero_grad();
                double count = Math.Max(1, chunk.Sum(actions));
                double minibatchKl = 0;
                foreach (var micro in chunk.Chunk(_settings.MicroBatchSize))
                {
                    using var scope = NewDisposeScope();
                    minibatchKl += pass(micro, count);
                }

                gradientNorm += nn.utils.clip_grad_norm_(_parameters, _settings.MaxGradNorm);
                _optimizer.step();
                approximateKl += minibatchKl;
                updates++;
                if (_settings.MaxApproxKl > 0 && minibatchKl > _settings.MaxApproxKl)
                {
                    stoppedEarly = true;
                    break;
                }
            }
        }

        _model.eval();
        return new UpdateTotals(updates, approximateKl, gradientNorm);
    }

    /// <inheritdoc />
    public void Dispose() => _optimizer.Dispose();
}
