using Sparring.Abstractions.Metering;
using Azure.Storage.Blobs;
using Microsoft.Extensions.Logging.Abstractions;
using Sparring.Abstractions.Storage;
using Sparring.EmbeddedHost;
using Sparring.Engine.Environments;
using Sparring.Orchestration.Contracts;
using Sparring.Orchestration.Orchestrators;
using Sparring.Orchestration.Services;
using Sparring.Storage;

namespace Sparring.Orchestration.Tests;

[Collection(AzuriteCollection.Name)]
public sealed class CompletionCallbackTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task A_completed_run_ends_by_notifying_its_callback_with_its_result()
    {
        var notifier = new RecordingNotifier("delivered");
        await using var host = await StartAsync(notifier);

        await host.StartRunAsync(Request("notified", RepositoryPaths.Environment("medical-supply-support")), default);
        var result = await host.WaitAsync("notified", null, default);

        var notice = Assert.Single(notifier.Notices);
        Assert.Equal(("contoso", "notified", "completed"), (notice.Tenant, notice.RunId, notice.Status));
        Assert.Equal(result.MeanReward, notice.MeanReward);
        Assert.Equal(result.Episodes, notice.Episodes);
        Assert.Equal("https://api.example/api/runs/notified", notice.RunUrl);
        Assert.Equal(CallbackRetry.MaxAttempts, notice.MaxAttempts);
    }

    [Fact]
    public async Task A_failed_run_notifies_failed_and_still_fails()
    {
        var notifier = new RecordingNotifier("delivered");
        await using var host = await StartAsync(notifier);

        await host.StartRunAsync(Request("broken", Path.Combine(Path.GetTempPath(), $"no-such-env-{Guid.NewGuid():N}")), default);

        await Assert.ThrowsAsync<RunFailedException>(() => host.WaitAsync("broken", null, default));
        var notice = Assert.Single(notifier.Notices);
        Assert.Equal("failed", notice.Status);
        Assert.Null(notice.MeanReward);
    }

    [Fact]
    public async Task A_callback_that_is_given_up_does_not_fail_the_run()
    {
        var notifier = new RecordingNotifier("failed");
        await using var host = await StartAsync(notifier);

        await host.StartRunAsync(Request("unheard", RepositoryPaths.Environment("medical-supply-support")), default);
        var result = await host.WaitAsync("unheard", null, default);

        Assert.Equal(0, result.Failed);
        Assert.Single(notifier.Notices);
    }

    private Task<EmbeddedDurableHost> StartAsync(IRunCompletionNotifier notifier) =>
        EmbeddedDurableHost.StartInMemoryAsync(
            new ActivityServices(
                new EnvironmentCatalog(new PathSource(), new EnvironmentLoader()),
                new EpisodeRunners(new CountingModelCatalog(), TimeProvider.System, NullLoggerFactory.Instance),
                new BlobTrajectoryStore(new BlobContainerClient(azurite.ConnectionString, $"runs-{Guid.NewGuid():N}")),
                NoUsageMeter.Instance,
                notifier),
            new EmbeddedHostOptions { PollInterval = TimeSpan.FromMilliseconds(50) },
            NullLoggerFactory.Instance);

    private static EvaluationRunRequest Request(string runId, string environment) => new()
    {
        RunId = runId,
        Tenant = "contoso",
        Environment = new EnvironmentReference(environment),
        Models = new ModelSelection("reference"),
        Callback = new CompletionCallback($"https://api.example/api/runs/{runId}"),
    };

    private sealed class PathSource : IEnvironmentSource
    {
        public Task<string> MaterializeAsync(string tenant, EnvironmentReference reference, CancellationToken cancellationToken) => Task.FromResult(reference.Path!);
    }

    private sealed class RecordingNotifier(string outcome) : IRunCompletionNotifier
    {
        public List<RunCompletionNotice> Notices { get; } = [];

        public Task<string> NotifyAsync(RunCompletionNotice notice, CancellationToken cancellationToken)
        {
            lock (Notices)
            {
                Notices.Add(notice);
            }

            return Task.FromResult(outcome);
        }
    }
}
