using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Sparring.Abstractions.Storage;
using Sparring.Orchestration.Contracts;
using Sparring.Transcripts.Derivation;
using Sparring.Transcripts.Ingest;
using Sparring.Transcripts.Json;
using Sparring.Transcripts.Parsing;
using Sparring.Transcripts.Users;

namespace Sparring.Orchestration.Services;

/// <summary>
/// The nightly ingestion: reads the tenant's transcript files, parses and redacts them (nothing unredacted is stored or
/// sent anywhere), derives scenarios, and stores the redacted transcripts as <c>nightly/{nightlyId}/transcripts.redacted.json</c>,
/// the grounding of the environment reference it returns. Idempotent: the same files give the same file and result.
/// </summary>
public sealed class TranscriptIngestion(ITenantFiles files, ILogger<TranscriptIngestion> logger) : ITranscriptIngestion
{
    /// <inheritdoc />
    public async Task<TranscriptIngestionResult> IngestAsync(TranscriptIngestionRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var documents = new List<(string Name, string Content, TranscriptFormat Format)>();
        foreach (var path in request.Paths)
        {
            await using var stream = await files.OpenReadAsync(request.Tenant, path, cancellationToken).ConfigureAwait(false);
            if (stream is null)
            {
                logger.LogWarning("Transcript file {Tenant}/{Path} is gone; skipping it", request.Tenant, path);
                continue;
            }

            using var reader = new StreamReader(stream, Encoding.UTF8);
            documents.Add((path, await reader.ReadToEndAsync(cancellationToken).ConfigureAwait(false), TranscriptReader.FormatOf(path)));
        }

        // Derivation here only counts: loading the grounded reference derives the same scenarios again.
        var ingested = await new TranscriptIngest(new ScenarioDeriver()).IngestAsync(documents, cancellationToken).ConfigureAwait(false);
        var grounding = $"nightly/{request.NightlyId}/transcripts.redacted.json";
        var json = JsonSerializer.SerializeToUtf8Bytes(ingested.Transcripts, TranscriptsJsonContext.Default.IReadOnlyListTranscript);
        await files.WriteAsync(request.Tenant, grounding, json, cancellationToken).ConfigureAwait(false);
        logger.LogInformation(
            "Nightly {NightlyId} of {Tenant}: {Transcripts} conversations from {Files} files, {Scenarios} scenarios, {Problems} files not usable",
            request.NightlyId, request.Tenant, ingested.Transcripts.Count, documents.Count, ingested.Scenarios.Count, ingested.Errors.Count);
        return new TranscriptIngestionResult(
            ingested.Transcripts.Count,
            ingested.Redactions.Where(r => r.Value > 0).ToDictionary(r => r.Key.ToString().ToLowerInvariant(), r => r.Value, StringComparer.Ordinal),
            ingested.Scenarios.Count,
            request.Environment with { Grounding = grounding },
            GroundedUserSource.Name,
            null,
            ingested.Errors);
    }
}
