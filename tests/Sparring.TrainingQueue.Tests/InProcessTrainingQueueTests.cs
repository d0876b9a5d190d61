using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Sparring.Abstractions.TrainingJobs;
using Sparring.TrainingQueue.DependencyInjection;
using Sparring.TrainingQueue.InProcess;

namespace Sparring.TrainingQueue.Tests;

public class InProcessTrainingQueueTests
{
    private static async Task<IHost> StartHostAsync(ITrainingJobRunner runner)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Worker:Queue"] = "inprocess",
            ["Worker:MaxAttempts"] = "2",
            ["Worker:RetryDelay"] = "00:00:00",
        });
        builder.Services.AddTrainingWorker(builder.Configuration);
        builder.Services.AddSingleton(runner);
        var host = builder.Build();
        await host.StartAsync();
        return host;
    }

    [Fact]
    public async Task A_submitted_job_runs_and_its_result_comes_back()
    {
        using var host = await StartHostAsync(FakeRunner.Succeeding());

        var result = await host.Services.GetRequiredService<InProcessTrainingQueue>().SubmitAsync(Jobs.Sample(), CancellationToken.None);

        Assert.Equal(new TrainingJobResult(Jobs.Sample().Output, false), result);
        await host.StopAsync();
    }

    [Fact]
    public async Task Jobs_run_one_at_a_time_in_the_order_submitted()
    {
        var order = new List<string>();
        var running = 0;
        var overlapped = false;
        using var host = await StartHostAsync(new FakeRunner(async (job, _) =>
        {
            overlapped |= Interlocked.Increment(ref running) > 1;
            await Task.Delay(50);
            lock (order)
            {
                order.Add(job.JobId);
            }

            Interlocked.Decrement(ref running);
            return new TrainingJobResult(job.Output, false);
        }));
        var queue = host.Services.GetRequiredService<InProcessTrainingQueue>();

        await Task.WhenAll(queue.SubmitAsync(Jobs.Sample("a"), CancellationToken.None), queue.SubmitAsync(Jobs.Sample("b"), CancellationToken.None), queue.SubmitAsync(Jobs.Sample("c"), CancellationToken.None));

        Assert.False(overlapped);
        Assert.Equal(["a", "b", "c"], order);
        await host.StopAsync();
    }

    [Fact]
    public async Task A_job_failing_every_attempt_fails_its_task_with_the_reason()
    {
        var runner = FakeRunner.Failing(new IOException("disk full"));
        using var host = await StartHostAsync(runner);

        var error = await Assert.ThrowsAsync<TrainingJobFailedException>(() => host.Services.GetRequiredService<InProcessTrainingQueue>().SubmitAsync(Jobs.Sample(), CancellationToken.None));

        Assert.Equal(2, runner.Runs);
        Assert.Equal("MaxAttemptsExceeded", error.Reason);
        Assert.Contains("disk full", error.Description, StringComparison.Ordinal);
        await host.StopAsync();
    }

    [Fact]
    public async Task Cancelling_a_running_job_interrupts_it_and_cancels_its_task()
    {
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var runner = new FakeRunner(async (_, token) =>
        {
            started.SetResult();
            await Task.Delay(Timeout.Infinite, token);
            throw new InvalidOperationException("unreachable");
        });
        using var host = await StartHostAsync(runner);
        using var cancel = new CancellationTokenSource();
        var submitted = host.Services.GetRequiredService<InProcessTrainingQueue>().SubmitAsync(Jobs.Sample(), cancel.Token);
        await started.Task.WaitAsync(TimeSpan.FromSeconds(10));

        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => submitted);
        Assert.Equal(1, runner.Runs);
        await host.StopAsync();
    }

    [Fact]
    public async Task Cancelling_a_job_still_waiting_takes_it_off_the_queue_at_once()
    {
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var runner = new FakeRunner(async (job, _) =>
        {
            await release.Task;
            return new TrainingJobResult(job.Output, false);
        });
        using var host = await StartHostAsync(runner);
        var queue = host.Services.GetRequiredService<InProcessTrainingQueue>();
        var first = queue.SubmitAsync(Jobs.Sample("a"), CancellationToken.None);
        using var cancel = new CancellationTokenSource();
        var second = queue.SubmitAsync(Jobs.Sample("b"), cancel.Token);
        await Eventually.TrueAsync(() => Task.FromResult(runner.Runs == 1), "the first job to start");

        await cancel.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => second.WaitAsync(TimeSpan.FromSeconds(5)));
        release.SetResult();
        await first;

        Assert.Equal(1, runner.Runs);
        await host.StopAsync();
    }

    [Fact]
    public async Task Stopping_the_host_cancels_the_running_job_and_refuses_new_ones()
    {
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var host = await StartHostAsync(new FakeRunner(async (_, token) =>
        {
            started.SetResult();
            await Task.Delay(Timeout.Infinite, token);
            throw new InvalidOperationException("unreachable");
        }));
        var queue = host.Services.GetRequiredService<InProcessTrainingQueue>();
        var running = queue.SubmitAsync(Jobs.Sample("a"), CancellationToken.None);
        var waiting = queue.SubmitAsync(Jobs.Sample("b"), CancellationToken.None);
        await started.Task.WaitAsync(TimeSpan.FromSeconds(10));

        await host.StopAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => running);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting);
        await Assert.ThrowsAsync<InvalidOperationException>(() => queue.SubmitAsync(Jobs.Sample("c"), CancellationToken.None));
    }
}
