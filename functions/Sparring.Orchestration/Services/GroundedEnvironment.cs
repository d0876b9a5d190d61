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
/// scenarios are those ingestion stored beside the file (<c>scenarios.json</c>: a model's derivation is not repeatable);
/// without that file they are derived again by the documented heuristic, which is deterministic.
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

        var derived = await StoredAsync(files, tenant, ScenariosPath(grounding), cancellationToken).ConfigureAwait(false)
            ?? await Derive(transcripts, cancellationToken).ConfigureAwait(false);
        var corpus = GroundingCorpus.Build(transcripts, derived);
        return environment.WithScenarios([.. derived.Select(d => d.Scenario)]).WithUsers(new GroundedUserSource(corpus), grounding);
    }

    /// <summary>Where ingestion keeps the scenarios it derived beside a grounding file (needed when a model derived them).</summary>
    public static string ScenariosPath(string grounding)
    {
        ArgumentNullException.ThrowIfNull(grounding);
        var slash = grounding.LastIndexOf('/');
        return (slash < 0 ? string.Empty : grounding[..(slash + 1)]) + "scenarios.json";
    }

    /// <summary>The scenarios derived from <paramref name="redacted"/> by the heuristic, where no stored ones exist.</summary>
    public static Task<IReadOnlyList<DerivedScenario>> Derive(IReadOnlyList<Transcript> redacted, CancellationToken cancellationToken) =>
        new ScenarioDeriver().DeriveAllAsync(redacted, cancellationToken);

    private static async Task<IReadOnlyList<DerivedScenario>?> StoredAsync(ITenantFiles files, string tenant, string path, CancellationToken cancellationToken)
    {
        await using var stream = await files.OpenReadAsync(tenant, path, cancellationToken).ConfigureAwait(false);
        if (stream is null)
        {
            return null;
        }

        var scenarios = await ScenarioJson.DeserializeAsync(stream, $"{tenant}/{path}", cancellationToken).ConfigureAwait(false);
        return [.. scenarios.Select(s => new DerivedScenario(s, s.Id[ScenarioDeriver.IdPrefix.Length..], "stored", null, []))];
    }
}
