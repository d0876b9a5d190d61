using Microsoft.DurableTask;
using Sparring.Abstractions.Storage;
using Sparring.Abstractions.TrainingJobs;
using Sparring.Orchestration.Activities;
using Sparring.Orchestration.Contracts;
using Sparring.Orchestration.Services;
using Sparring.Storage;

namespace Sparring.Orchestration.Tests.Activities;

public sealed class CompleteNightlyActivityTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("sparring-complete-nightly-").FullName;

    [Fact]
    public async Task The_returned_report_path_is_the_stored_file_with_one_slash_between_run_folder_and_file()
    {
        var runs = Path.Combine(_root, "runs");
        var services = new NightlyServices(new FolderTenantFiles(_root), new FolderCheckpointStore(Path.Combine(_root, "models")), new Unused(), new Unused(), new Unused());
        var activity = new CompleteNightlyActivity(services, new FolderTrajectoryStore(runs));
        var report = new NightlyReport
        {
            NightlyId = "nightly-20261127",
            Tenant = "contoso",
            Now = new DateTimeOffset(2026, 11, 27, 2, 0, 0, TimeSpan.Zero),
            Outcome = "nothing_new",
            Summary = "No new transcripts since the last nightly run.",
        };

        var path = await activity.RunAsync(new Context(), new NightlyCompletion(report, NewWatermark: null));

        Assert.Equal("contoso/runs/nightly-20261127/nightly-report.json", path);
        Assert.True(File.Exists(Path.Combine(runs, path)));
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private sealed class Context : TaskActivityContext
    {
        public override TaskName Name => nameof(CompleteNightlyActivity);

        public override string InstanceId => "nightly-20261127";
    }

    // The activity stores reports and the watermark only: ingestion, training and policy names are never asked for.
    private sealed class Unused : ITranscriptIngestion, ITrainingJobSubmitter, IPolicyResolver
    {
        public Task<TranscriptIngestionResult> IngestAsync(TranscriptIngestionRequest request, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task SubmitAsync(TrainingJob job, string instanceId, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task<string> PolicyNameAsync(string tenant, ModelReference model, CancellationToken cancellationToken) => throw new NotSupportedException();
    }
}
