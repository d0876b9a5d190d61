using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using DurableTask.AzureStorage;
using DurableTask.Core;
using Microsoft.DurableTask.Converters;
using Microsoft.DurableTask.Testing.Sidecar;
using Microsoft.DurableTask.Worker;
using Microsoft.DurableTask.Worker.Shims;
using Microsoft.Extensions.Logging;
using Sparring.Abstractions.Json;
using Sparring.Orchestration;
using Sparring.Orchestration.Contracts;
using Sparring.Orchestration.Orchestrators;
using Sparring.Orchestration.Scheduling;
using Sparring.Orchestration.Services;

namespace Sparring.EmbeddedHost;

/// <summary>
/// The Durable Task engine inside this process, running the very orchestrator and activity classes the Function
/// App runs: DurableTask.Core's TaskHubWorker drives them through the Microsoft.DurableTask shims.
/// </summary>
public sealed class EmbeddedDurableHost : IAsyncDisposable
{
    private readonly IOrchestrationService _service;
    private readonly TaskHubWorker _worker;
    private readonly TaskHubClient _client;
    private readonly Microsoft.DurableTask.DataConverter _converter;
    private readonly EmbeddedHostOptions _options;

    private EmbeddedDurableHost(IOrchestrationService service, IOrchestrationServiceClient client, ActivityServices services, EmbeddedHostOptions options, ILoggerFactory logging, NightlyServices? nightly)
    {
        _service = service;
        _options = options;
        _converter = new JsonDataConverter(new JsonSerializerOptions
        {
            TypeInfoResolver = JsonTypeInfoResolver.Combine(OrchestrationJsonContext.Default, SparringJsonContext.Default),
        });
        var shims = new DurableTaskShimFactory(new DurableTaskWorkerOptions { DataConverter = _converter }, logging);
        _worker = new TaskHubWorker(service, logging);
        _worker.AddTaskOrchestrations([.. OrchestrationTasks.Orchestrators.Select(o =>
            (ObjectCreator<TaskOrchestration>)new TaskCreator<TaskOrchestration>(o.Key, () => shims.CreateOrchestration(o.Key, o.Value(), parent: null)))]);
        var activities = OrchestrationTasks.Activities(services).AsEnumerable();
        if (nightly is not null)
        {
            activities = activities.Concat(OrchestrationTasks.NightlyActivities(services, nightly, logging));
        }

        _worker.AddTaskActivities([.. activities.Select(a =>
            (ObjectCreator<TaskActivity>)new TaskCreator<TaskActivity>(a.Key, () => shims.CreateActivity(a.Key, a.Value())))]);
        _client = new TaskHubClient(client, new CoreDataConverter(_converter), logging);
    }

    /// <summary>Starts an engine that keeps everything in memory: fast, gone with the process.</summary>
    /// <param name="services">What the evaluation runs' activities are made with.</param>
    /// <param name="options">Concurrency and polling.</param>
    /// <param name="logging">Loggers.</param>
    /// <param name="nightly">What the nightly retraining's activities are made with; without it the host runs evaluation runs only.</param>
    public static Task<EmbeddedDurableHost> StartInMemoryAsync(ActivityServices services, EmbeddedHostOptions options, ILoggerFactory logging, NightlyServices? nightly = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        var inner = new InMemoryOrchestrationService(logging);
        return StartAsync(new WiderOrchestrationService(inner, options.MaxActivities, options.MaxOrchestrations), inner, services, options, logging, nightly);
    }

    /// <summary>
    /// Starts an engine whose state lives in Azure Storage (Azurite locally): a run survives the process, and a
    /// restarted process picks up the runs a killed one left. Queue visibility timeouts are short so that the dead
    /// process's work is redelivered in seconds rather than the default minutes.
    /// </summary>
    public static Task<EmbeddedDurableHost> StartDurableAsync(string connectionString, string taskHub, ActivityServices services, EmbeddedHostOptions options, ILoggerFactory logging, NightlyServices? nightly = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        var service = new AzureStorageOrchestrationService(new AzureStorageOrchestrationServiceSettings
        {
            TaskHubName = taskHub,
            StorageAccountClientProvider = new StorageAccountClientProvider(connectionString),
            MaxConcurrentTaskActivityWorkItems = options.MaxActivities,
            MaxConcurrentTaskOrchestrationWorkItems = options.MaxOrchestrations,
            WorkItemQueueVisibilityTimeout = TimeSpan.FromSeconds(20),
            ControlQueueVisibilityTimeout = TimeSpan.FromSeconds(20),
            MaxQueuePollingInterval = TimeSpan.FromSeconds(1),
            PartitionCount = 1,
            LoggerFactory = logging,
        });
        return StartAsync(service, service, services, options, logging, nightly);
    }

    /// <summary>Starts an engine on a given orchestration service (a durable one, for instance).</summary>
    public static async Task<EmbeddedDurableHost> StartAsync(IOrchestrationService service, IOrchestrationServiceClient client, ActivityServices services, EmbeddedHostOptions options, ILoggerFactory logging, NightlyServices? nightly = null)
    {
        ArgumentNullException.ThrowIfNull(service);
        await service.CreateIfNotExistsAsync().ConfigureAwait(false);
        var host = new EmbeddedDurableHost(service, client, services, options, logging, nightly);
        await host._worker.StartAsync().ConfigureAwait(false);
        return host;
    }

    /// <summary>
    /// Starts a run, its id as the instance id. A run of that id still in progress is left to go on; one that ended
    /// is started again, and its stored episodes are not run again, so this resumes an interrupted run.
    /// </summary>
    public Task StartRunAsync(EvaluationRunRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        return StartUnlessGoingAsync(nameof(EvaluationRunOrchestrator), request.RunId, request, cancellationToken);
    }

    /// <summary>The run's progress, or null when no such run exists.</summary>
    public async Task<RunProgressStatus?> GetProgressAsync(string runId)
    {
        var state = await _client.GetOrchestrationStateAsync(runId).ConfigureAwait(false);
        return await WithRunningBatchesAsync(runId, Progress(state)).ConfigureAwait(false);
    }

    /// <summary>Waits for the run to end, reporting its progress; returns its result or throws <see cref="RunFailedException"/>.</summary>
    public Task<EvaluationRunResult> WaitAsync(string runId, IProgress<RunProgressStatus>? progress, CancellationToken cancellationToken) =>
        WaitForAsync<EvaluationRunResult>(runId, "run", async state =>
        {
            if (await WithRunningBatchesAsync(runId, Progress(state)).ConfigureAwait(false) is { } status)
            {
                progress?.Report(status);
            }
        }, cancellationToken);

    /// <summary>
    /// Starts a nightly retraining, its id as the instance id; one still going is left to go on, one that ended is started
    /// again (its runs, job and checkpoint are named after the id, so it picks up where it stopped).
    /// </summary>
    public Task StartNightlyAsync(NightlyRetrainRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        return StartUnlessGoingAsync(nameof(NightlyRetrainOrchestrator), request.NightlyId, request, cancellationToken);
    }

    /// <summary>Waits for a nightly retraining to end, reporting its step as it changes; returns its report or throws <see cref="RunFailedException"/>.</summary>
    public Task<NightlyReport> WaitForNightlyAsync(string nightlyId, IProgress<string>? progress, CancellationToken cancellationToken)
    {
        string? last = null;
        return WaitForAsync<NightlyReport>(nightlyId, "nightly run", state =>
        {
            if (state.Status is { Length: > 0 } status && status != last && _converter.Deserialize(status, typeof(string)) is string step)
            {
                last = status;
                progress?.Report(step);
            }

            return Task.CompletedTask;
        }, cancellationToken);
    }

    /// <summary>Raises <paramref name="eventName"/> with <paramref name="payload"/> on an orchestration (a training job's completion, for instance).</summary>
    public Task RaiseEventAsync<T>(string instanceId, string eventName, T payload)
        where T : notnull =>
        _client.RaiseEventAsync(new OrchestrationInstance { InstanceId = instanceId }, eventName, payload);

    /// <summary>Stops a run; its stored episodes stay, so starting it again resumes it.</summary>
    public Task CancelAsync(string runId, string reason) =>
        _client.TerminateInstanceAsync(new OrchestrationInstance { InstanceId = runId }, reason);

    // An instance still going is left to go on; one that ended (or never was) is started, which resumes what it left.
    private async Task StartUnlessGoingAsync(string orchestrator, string instanceId, object input, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var state = await _client.GetOrchestrationStateAsync(instanceId).ConfigureAwait(false);
        if (state?.OrchestrationStatus is OrchestrationStatus.Running or OrchestrationStatus.Pending)
        {
            return;
        }

        await _client.CreateOrchestrationInstanceAsync(orchestrator, string.Empty, instanceId, input).ConfigureAwait(false);
    }

    // Polls the instance until it ends, reporting each state; what names it in errors ("run", "nightly run").
    private async Task<T> WaitForAsync<T>(string instanceId, string what, Func<OrchestrationState, Task> report, CancellationToken cancellationToken)
    {
        var named = char.ToUpperInvariant(what[0]) + what[1..];
        while (true)
        {
            var state = await _client.GetOrchestrationStateAsync(instanceId).ConfigureAwait(false)
                ?? throw new RunFailedException($"There is no {what} '{instanceId}'.");
            await report(state).ConfigureAwait(false);
            switch (state.OrchestrationStatus)
            {
                case OrchestrationStatus.Completed:
                    return (T)_converter.Deserialize(state.Output, typeof(T))!;
                case OrchestrationStatus.Failed:
                    throw new RunFailedException($"{named} '{instanceId}' failed: {state.FailureDetails?.ErrorMessage ?? state.Output}");
                case OrchestrationStatus.Terminated or OrchestrationStatus.Canceled:
                    throw new RunFailedException($"{named} '{instanceId}' was cancelled: {state.Output}");
            }

            await Task.Delay(_options.PollInterval, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _worker.StopAsync(isForced: true).ConfigureAwait(false);
        _worker.Dispose();
        await _service.StopAsync(isForced: true).ConfigureAwait(false);
    }

    // While a run is running its own status counts finished batches only; the batches' statuses count each episode.
    private async Task<RunProgressStatus?> WithRunningBatchesAsync(string runId, RunProgressStatus? status)
    {
        if (status is not { Phase: "running", Batches: > 0 })
        {
            return status;
        }

        var (done, failed, rewardTotal) = (0, 0, 0.0);
        for (var index = 0; index < status.Batches; index++)
        {
            var batch = await _client.GetOrchestrationStateAsync(BatchSchedule.InstanceId(runId, index)).ConfigureAwait(false);
            var outcome = batch switch
            {
                { OrchestrationStatus: OrchestrationStatus.Completed, Output: { } output } => (BatchOutcome?)_converter.Deserialize(output, typeof(BatchOutcome)),
                { Status: { Length: > 0 } custom } => (BatchOutcome?)_converter.Deserialize(custom, typeof(BatchOutcome)),
                _ => null,
            };
            if (outcome is not null)
            {
                (done, failed, rewardTotal) = (done + outcome.Episodes, failed + outcome.Failed, rewardTotal + outcome.RewardTotal);
            }
        }

        return done <= status.Done ? status : status with { Done = done, Failed = failed, MeanReward = Math.Round(rewardTotal / done, 6) };
    }

    private RunProgressStatus? Progress(OrchestrationState? state) =>
        string.IsNullOrEmpty(state?.Status) ? null : (RunProgressStatus?)_converter.Deserialize(state.Status, typeof(RunProgressStatus));
}
