using Sparring.Abstractions.Storage;

namespace Sparring.Orchestration.Services;

/// <summary>What the nightly retraining's activities are made with, besides <see cref="ActivityServices"/>.</summary>
/// <param name="Files">The tenant's files: transcript drops and the nightly watermark.</param>
/// <param name="Checkpoints">Policy checkpoints and their current pointers.</param>
/// <param name="Ingestion">Transcripts → redacted transcripts, scenarios, grounded users.</param>
/// <param name="Training">Where training jobs go.</param>
/// <param name="Policies">Policy names for stored checkpoints.</param>
public sealed record NightlyServices(ITenantFiles Files, ICheckpointStore Checkpoints, ITranscriptIngestion Ingestion, ITrainingJobSubmitter Training, IPolicyResolver Policies);
