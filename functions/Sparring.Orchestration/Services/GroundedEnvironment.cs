using System.Text.Json;
using Sparring.Abstractions.Storage;
using Sparring.Engine.Environments;
using Sparring.Transcripts.Derivation;
using Sparring.Transcripts.Json;
using Sparring.Transcripts.Parsing;
using Sparring.Transcripts.Users;

namespace Sparring.Orchestration.Services;

/// <summary>
/// An environment plus the scenarios derived from a file of redacted transcripts and users grounded in them. The
/// derivation is the documented heuristic, which is deterministic: every activity that loads the reference, on any
/// machine, gets the same scenarios that ingestion counted.
/// </summary>
public static class GroundedEnvironment
{
    /// <summary>Reads <paramref name="grounding"/> (a JSON array of redacted transcripts) and extends <paramref name="environment"/> with it.</summary>
    public static async Task<LoadedEnvironment> LoadAsync(LoadedEnvironment environment, ITenantFiles files, string tenant, string grounding, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(environment);
        ArgumentNullException.ThrowIfNull(files);
        IReadOnlyList<Transcript> transcripts;
        await using (var stream = await files.OpenReadAsync(tenant, grounding, cancellationToken).ConfigureAwait(false)
            ?? throw new EnvironmentNotFoundException($"grounding file {tenant}/{grounding} does not exist"))
        {
            try
            {
                transcripts = await JsonSerializer.DeserializeAsync(stream, TranscriptsJsonContext.Default.IReadOnlyListTranscript, cancellationToken).ConfigureAwait(false) ?? [];
            }
            catch (JsonException ex)
            {
                throw new InvalidOperationException($"{tenant}/{grounding}: not a list of redacted transcripts: {ex.Message}", ex);
            }
        }

        var derived = await Derive(transcripts, cancellationToken).ConfigureAwait(false);
        var corpus = GroundingCorpus.Build(transcripts, derived);
        return environment.WithScenarios([.. derived.Select(d => d.Scenario)]).WithUsers(new GroundedUserSource(corpus), grounding);
    }

    /// <summary>The scenarios derived from <paramref name="redacted"/>, as ingestion and loading both derive them.</summary>
    public static Task<IReadOnlyList<DerivedScenario>> Derive(IReadOnlyList<Transcript> redacted, CancellationToken cancellationToken) =>
        new ScenarioDeriver().DeriveAllAsync(redacted, cancellationToken);
}
