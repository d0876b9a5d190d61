using Microsoft.Extensions.AI;
using Sparring.Serving.Models;

namespace Sparring.Serving.Tests;

public sealed class ServedModelsTests
{
    [Fact]
    public async Task A_lazy_model_loads_once_for_concurrent_requests_and_only_when_asked_for()
    {
        var loads = 0;
        var gate = new TaskCompletionSource();
        await using var models = new ServedModels().Add("slow", async cancellationToken =>
        {
            Interlocked.Increment(ref loads);
            await gate.Task.WaitAsync(cancellationToken);
            return new FakeChatClient(new ChatResponse());
        });

        Assert.Equal(0, loads);
        var first = models.FindAsync("slow", CancellationToken.None).AsTask();
        var second = models.FindAsync("slow", CancellationToken.None).AsTask();
        gate.SetResult();

        Assert.Same(await first, await second);
        Assert.Equal(1, loads);
        Assert.Null(await models.FindAsync("other", CancellationToken.None));
    }

    [Fact]
    public async Task A_load_that_failed_is_tried_again_and_one_caller_giving_up_does_not_cancel_it()
    {
        var attempts = 0;
        var gate = new TaskCompletionSource();
        await using var models = new ServedModels().Add("flaky", async cancellationToken =>
        {
            if (Interlocked.Increment(ref attempts) == 1)
            {
                throw new IOException("checkpoint not there yet");
            }

            await gate.Task.WaitAsync(cancellationToken);
            return new FakeChatClient(new ChatResponse());
        });

        await Assert.ThrowsAsync<IOException>(() => models.FindAsync("flaky", CancellationToken.None).AsTask());
        using var impatient = new CancellationTokenSource();
        var givenUp = models.FindAsync("flaky", impatient.Token).AsTask();
        var patient = models.FindAsync("flaky", CancellationToken.None).AsTask();
        await impatient.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => givenUp);
        gate.SetResult();

        Assert.NotNull(await patient);
        Assert.Equal(2, attempts);
    }

    [Fact]
    public void A_model_id_is_served_once()
    {
        var models = new ServedModels().Add("a", new FakeChatClient(new ChatResponse()));

        var thrown = Assert.Throws<ArgumentException>(() => models.Add("a", new FakeChatClient(new ChatResponse())));

        Assert.Contains("already served", thrown.Message, StringComparison.Ordinal);
        Assert.Equal(["a"], models.Ids);
    }
}
