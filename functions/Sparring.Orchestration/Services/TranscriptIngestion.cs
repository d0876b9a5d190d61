using System.Text;
using System.Text.Json;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Sparring.Engine.Environments;
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
/// sent to a model), derives scenarios (with a model when one is given, else the heuristic), and stores them as
/// <c>nightly/{nightlyId}/scenarios.json</c> and the redacted transcripts as <c>transcripts.redacted.json</c>, the
/// grounding of the environment reference it returns.
/// </summary>
/// <param name="files">The tenants' files.</param>
/// <param name="logger">Where ingestion says what it did.</param>
/// <param name="deriver">The model that derives scenarios and personas; null for the documented heuristic.</param>
public sealed class TranscriptIngestion(ITenantFiles files, ILogger<TranscriptIngestion> logger, IChatClient? deriver = null) : ITranscriptIngestion
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

        var ingested = await new TranscriptIngest(new ScenarioDeriver(deriver)).IngestAsync(documents, cancellationToken).ConfigureAwait(false);
        var grounding = $"nightly/{request.NightlyId}/transcripts.redacted.json";
        // The scenarios first: the grounding file is what a reference names, so it is written last.
        await files.WriteAsync(request.Tenant, GroundedEnvironment.ScenariosPath(grounding), ScenarioJson.Serialize([.. ingested.Scenarios.Select(d => d.Scenario)]), cancellationToken).ConfigureAwait(false);
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
            [.. ingested.Errors, .. ingested.Scenarios.Where(d => d.FallbackReason is not null).Select(d => $"{d.TranscriptId}: derived by the heuristic: {d.FallbackReason}")]);
    }
}
