using Sparring.Orchestration.Contracts;

namespace Sparring.Orchestration.Services;

/// <summary>
/// Turns a tenant's transcript files into redacted transcripts, derived scenarios and an environment version whose mock
/// users are grounded in them. Idempotent: ingesting the same files for the same nightly id again gives the same result.
/// </summary>
public interface ITranscriptIngestion
{
    /// <summary>Ingests <see cref="TranscriptIngestionRequest.Paths"/>; personal data is redacted before anything is stored or sent to a model.</summary>
    Task<TranscriptIngestionResult> IngestAsync(TranscriptIngestionRequest request, CancellationToken cancellationToken);
}
