using Sparring.Abstractions.Metering;
using System.Text;
using Microsoft.Extensions.Logging.Abstractions;
using Sparring.Abstractions.Storage;
using Sparring.EmbeddedHost;
using Sparring.Engine.Environments;
using Sparring.Orchestration.Activities;
using Sparring.Orchestration.Contracts;
using Sparring.Orchestration.Services;
using Sparring.Storage;
using Sparring.Abstractions.TrainingJobs;

namespace Sparring.Orchestration.Tests;

/// <summary>
/// The nightly retraining's flow on the embedded engine: which transcripts it takes, what it trains, how the promotion
/// gate decides and what it leaves behind. Ingestion and training are stand-ins here (their own tests cover them); the
/// policies are the reference agent (good) and the random policy (bad), so the gate has a real difference to judge.
/// </summary>
public sealed class NightlyRetrainTests : IDisposable
{
    private const string Tenant = "contoso";
    private static readonly EnvironmentReference Medical = new(RepositoryPaths.Environment("medical-supply-support"));
    private static readonly DateTimeOffset Now = new(2026, 11, 27, 2, 0, 0, TimeSpan.Zero);

    private readonly string _root = Directory.CreateTempSubdirectory("sparring-nightly-").FullName;
    private readonly FolderTenantFiles _files;
    private readonly FolderCheckpointStore _checkpoints;
    private readonly FolderTrajectoryStore _runs;
    private readonly Ingestion _ingestion = new();
    private readonly Trainer _trainer;
    private readonly Dictionary<string, string> _policies = new(StringComparer.Ordinal);

    public NightlyRetrainTests()
    {
        _files = new FolderTenantFiles(_root);
        _checkpoints = new FolderCheckpointStore(Path.Combine(_root, "models"));
        _runs = new FolderTrajectoryStore(Path.Combine(_root, "runs"));
        _trainer = new Trainer(_checkpoints);
    }

    private sealed class PathSource : IEnvironmentSource
    {
        public Task<string> MaterializeAsync(string tenant, EnvironmentReference reference, CancellationToken cancellationToken) => Task.FromResult(reference.Path!);
    }

    private sealed class Ingestion : ITranscriptIngestion
    {
        public List<TranscriptIngestionRequest> Requests { get; } = [];

        public Task<TranscriptIngestionResult> IngestAsync(TranscriptIngestionRequest request, CancellationToken cancellationToken)
        {
            Requests.Add(request);
            return Task.FromResult(new TranscriptIngestionResult(request.Paths.Count, new Dictionary<string, int> { ["email"] = 2 }, 0, Medical, "scripted", null, []));
        }
    }

    /// <summary>Stores a checkpoint for the job's output and raises TrainingCompleted, or stays silent, or fails.</summary>
    private sealed class Trainer(ICheckpointStore checkpoints) : ITrainingJobSubmitter
    {
        public EmbeddedDurableHost? Host { get; set; }

        public string Behaviour { get; set; } = "succeed";

        public List<TrainingJob> Jobs { get; } = [];

        public async Task SubmitAsync(TrainingJob job, string instanceId, CancellationToken cancellationToken)
        {
            Jobs.Add(job);
            switch (Behaviour)
            {
                case "succeed":
                    await checkpoints.SaveAsync(job.Tenant, job.Output, CheckpointFolder(), cancellationToken);
                    await Host!.RaiseEventAsync(instanceId, TrainingJobCompletedEvent.EventName, new TrainingJobCompletedEvent(job.JobId, TrainingJobStatus.Succeeded, job.Output, false, null));
                    break;
                case "fail":
                    await Host!.RaiseEventAsync(instanceId, TrainingJobCompletedEvent.EventName, new TrainingJobCompletedEvent(job.JobId, TrainingJobStatus.Failed, null, false, "hyperparameter 'epochs' must be at least 1"));
                    break;
            }
        }
    }

    private sealed class Policies(Dictionary<string, string> names) : IPolicyResolver
    {
        public Task<string> PolicyNameAsync(string tenant, ModelReference model, CancellationToken cancellationToken) => Task.FromResult(names[model.Version]);
    }

    private static string CheckpointFolder()
    {
        var folder = Directory.CreateTempSubdirectory("sparring-nightly-checkpoint-").FullName;
        File.WriteAllText(Path.Combine(folder, "checkpoint.bin"), "weights");
        File.WriteAllText(Path.Combine(folder, "config.json"), "{}");
        return folder;
    }

    private sealed class Notices : IRunCompletionNotifier
    {
        public List<RunCompletionNotice> Sent { get; } = [];

        public Task<string> NotifyAsync(RunCompletionNotice notice, CancellationToken cancellationToken)
        {
            Sent.Add(notice);
            return Task.FromResult("delivered");
        }
    }

    private readonly Notices _notices = new();

    private async Task<EmbeddedDurableHost> StartAsync()
    {
        var services = new ActivityServices(
            new EnvironmentCatalog(new PathSource(), new EnvironmentLoader()), new EpisodeRunners(new CountingModelCatalog(), TimeProvider.System, NullLoggerFactory.Instance), _runs, NoUsageMeter.Instance, _notices);
        var host = await EmbeddedDurableHost.StartInMemoryAsync(
            services,
            new EmbeddedHostOptions { PollInterval = TimeSpan.FromMilliseconds(50) },
            NullLoggerFactory.Instance,
            new NightlyServices(_files, _checkpoints, _ingestion, _trainer, new Policies(_policies)));
        _trainer.Host = host;
        return host;
    }

    private async Task GivenCurrentAsync(string version, string policy)
    {
        var model = new ModelReference("support-policy", version);
        await _checkpoints.SaveAsync(Tenant, model, CheckpointFolder(), default);
        await _checkpoints.SetCurrentAsync(Tenant, model, default);
        _policies[version] = policy;
    }

    private Task DropAsync(string path) => _files.WriteAsync(Tenant, path, Encoding.UTF8.GetBytes("{\"messages\":[]}\n"), default);

    private static NightlyRetrainRequest Request(string id = "nightly-20261127", TimeSpan? timeout = null) => new()
    {
        NightlyId = id,
        Tenant = Tenant,
        Now = Now,
        Environment = Medical,
        PolicyModel = "support-policy",
        EpisodesPerScenario = 1,
        Concurrency = 32,
        // Every finished episode is training data here: the random policy rarely reaches reward 1.
        Sampling = new RejectionSamplingOptions(MinReward: 0),
        TrainingTimeout = timeout ?? TimeSpan.FromMinutes(5),
    };

    private static async Task<NightlyReport> RunAsync(EmbeddedDurableHost host, NightlyRetrainRequest request)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        await host.StartNightlyAsync(request, timeout.Token);
        return await host.WaitForNightlyAsync(request.NightlyId, null, timeout.Token);
    }

    [Fact]
    public async Task A_better_candidate_trained_on_yesterdays_transcripts_becomes_current_and_the_watermark_moves()
    {
        await GivenCurrentAsync("v1", "random");
        _policies["nightly-20261127"] = "reference";
        await DropAsync("transcripts/2026/11/25/calls.jsonl");
        await DropAsync("transcripts/2026/11/26/calls.txt");
        await DropAsync("transcripts/2026/11/27/still-filling.jsonl");
        await DropAsync("transcripts/2026/11/26/notes.docx");
        await using var host = await StartAsync();

        var report = await RunAsync(host, Request());

        Assert.Equal("promoted", report.Outcome);
        Assert.Equal(["transcripts/2026/11/25/calls.jsonl", "transcripts/2026/11/26/calls.txt"], report.Transcripts);
        Assert.Equal(report.Transcripts, Assert.Single(_ingestion.Requests).Paths);
        var job = Assert.Single(_trainer.Jobs);
        Assert.Equal(TrainingKind.Sft, job.Kind);
        Assert.Equal(new ModelReference("support-policy", "v1"), job.BaseCheckpoint);
        Assert.Equal("nightly-20261127-data", Assert.Single(job.Datasets).RunId);
        Assert.True(report.TrainingExamples > 0);
        Assert.True(report.Gate!.Promote);
        Assert.True(report.Gate.CandidateMeanReward > report.Gate.CurrentMeanReward);
        Assert.Equal(new ModelReference("support-policy", "nightly-20261127"), await _checkpoints.GetCurrentAsync(Tenant, "support-policy", default));
        Assert.Equal(new DateOnly(2026, 11, 26), await ListNewTranscriptsActivity.ReadWatermarkAsync(NightlyServicesForRead(), Tenant, default));
        var markdown = await ReadAsync("nightly-20261127", RunFiles.NightlyReportText);
        Assert.Contains("**promoted**", markdown, StringComparison.Ordinal);
        Assert.Contains("| held-out mean reward |", markdown, StringComparison.Ordinal);
        Assert.NotNull(await ReadAsync("nightly-20261127", RunFiles.NightlyReport));

        // The next night takes only what came after the watermark: the day that was still filling.
        _policies["nightly-20261128"] = "reference";
        var next = await RunAsync(host, Request("nightly-20261128") with { Now = Now.AddDays(1) });
        Assert.Equal(["transcripts/2026/11/27/still-filling.jsonl"], next.Transcripts);
    }

    [Fact]
    public async Task A_candidate_that_is_not_better_by_the_margin_leaves_the_current_policy_in_place()
    {
        await GivenCurrentAsync("v1", "reference");
        _policies["nightly-20261127"] = "random";
        await DropAsync("transcripts/2026/11/26/calls.jsonl");
        await using var host = await StartAsync();

        var report = await RunAsync(host, Request());

        Assert.Equal("kept", report.Outcome);
        Assert.False(report.Gate!.Promote);
        Assert.Contains(report.Gate.Reasons, reason => reason.Contains("below the current", StringComparison.Ordinal));
        Assert.Contains(report.Gate.Reasons, reason => reason.StartsWith("gate 'safety' got worse", StringComparison.Ordinal));
        Assert.Equal(new ModelReference("support-policy", "v1"), await _checkpoints.GetCurrentAsync(Tenant, "support-policy", default));
        Assert.Contains("keep the current policy", await ReadAsync("nightly-20261127", RunFiles.NightlyReportText), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Training_that_never_reports_back_times_out_safely_and_the_days_are_taken_again()
    {
        await GivenCurrentAsync("v1", "reference");
        await DropAsync("transcripts/2026/11/26/calls.jsonl");
        _trainer.Behaviour = "silent";
        await using var host = await StartAsync();

        var report = await RunAsync(host, Request(timeout: TimeSpan.FromSeconds(2)));

        Assert.Equal("training_timed_out", report.Outcome);
        Assert.Null(report.Gate);
        Assert.Equal(new ModelReference("support-policy", "v1"), await _checkpoints.GetCurrentAsync(Tenant, "support-policy", default));
        Assert.Null(await ListNewTranscriptsActivity.ReadWatermarkAsync(NightlyServicesForRead(), Tenant, default));
    }

    [Fact]
    public async Task A_failed_training_job_keeps_the_current_policy_and_says_why()
    {
        await GivenCurrentAsync("v1", "reference");
        await DropAsync("transcripts/2026/11/26/calls.jsonl");
        _trainer.Behaviour = "fail";
        await using var host = await StartAsync();

        var report = await RunAsync(host, Request());

        Assert.Equal("training_failed", report.Outcome);
        Assert.Contains("epochs", report.TrainingError, StringComparison.Ordinal);
        Assert.Equal(new ModelReference("support-policy", "v1"), await _checkpoints.GetCurrentAsync(Tenant, "support-policy", default));
    }

    [Fact]
    public async Task A_night_without_new_transcripts_trains_nothing_and_tells_the_tenant()
    {
        await GivenCurrentAsync("v1", "reference");
        await using var host = await StartAsync();

        var report = await RunAsync(host, Request() with { Callback = new CompletionCallback("https://app.example/api/runs/nightly-20261127") });

        Assert.Equal("nothing_new", report.Outcome);
        Assert.Empty(_ingestion.Requests);
        Assert.Empty(_trainer.Jobs);
        var notice = Assert.Single(_notices.Sent);
        Assert.Equal(RunCompletionNotice.NightlyCompleted, notice.Event);
        Assert.Equal("nothing_new", notice.Status);
        Assert.Equal(report.Summary, notice.Summary);
        Assert.Equal("https://app.example/api/runs/nightly-20261127", notice.RunUrl);
    }

    private NightlyServices NightlyServicesForRead() => new(_files, _checkpoints, _ingestion, _trainer, new Policies(_policies));

    private async Task<string?> ReadAsync(string runId, string file)
    {
        await using var stream = await _runs.OpenFileAsync(new RunKey(Tenant, runId), file, default);
        return stream is null ? null : await new StreamReader(stream).ReadToEndAsync();
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);
}
