using Microsoft.DurableTask;
using Sparring.Orchestration.Contracts;
using Sparring.Orchestration.Services;

namespace Sparring.Orchestration.Activities;

/// <summary>Parses, redacts and derives scenarios and grounded users from the nightly run's transcript files.</summary>
public sealed class IngestTranscriptsActivity(NightlyServices services) : TaskActivity<TranscriptIngestionRequest, TranscriptIngestionResult>
{
    /// <inheritdoc />
    public override Task<TranscriptIngestionResult> RunAsync(TaskActivityContext context, TranscriptIngestionRequest input)
    {
        ArgumentNullException.ThrowIfNull(input);
        return services.Ingestion.IngestAsync(input, CancellationToken.None);
    }
}
