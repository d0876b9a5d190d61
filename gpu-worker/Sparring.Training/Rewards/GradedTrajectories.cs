using System.Text.Json;
using Sparring.Abstractions.Json;
using Sparring.Abstractions.Storage;
using Sparring.Abstractions.Trajectories;
using Sparring.Engine.Grading;

namespace Sparring.Training.Rewards;

/// <summary>Reads graded trajectories and picks out what the LLM judge said on one llm_rubric grader.</summary>
public static class GradedTrajectories
{
    /// <summary>
    /// Reads trajectories from a JSONL file (one trajectory a line), a folder holding trajectories.jsonl (sparring eval's
    /// run folder), or a folder holding episodes/*.json (a run of sparring run --out &lt;folder&gt;).
    /// </summary>
    /// <exception cref="InvalidDataException">The path holds no trajectories, or one is malformed; the message names the file (and line).</exception>
    public static async Task<IReadOnlyList<Trajectory>> ReadAsync(string path, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (File.Exists(path))
        {
            return await ReadJsonlAsync(path, cancellationToken).ConfigureAwait(false);
        }

        if (!Directory.Exists(path))
        {
            throw new InvalidDataException($"{path}: no such file or folder");
        }

        var jsonl = Path.Combine(path, RunFiles.Trajectories);
        if (File.Exists(jsonl))
        {
            return await ReadJsonlAsync(jsonl, cancellationToken).ConfigureAwait(false);
        }

        var episodes = Path.Combine(path, RunFiles.EpisodesFolder);
        var files = Directory.Exists(episodes) ? Directory.GetFiles(episodes, "*.json").Order(StringComparer.Ordinal).ToList() : [];
        if (files.Count == 0)
        {
            throw new InvalidDataException($"{path}: holds neither {RunFiles.Trajectories} nor {RunFiles.EpisodesFolder}/*.json");
        }

        var trajectories = new List<Trajectory>(files.Count);
        foreach (var file in files)
        {
            trajectories.Add(Parse(await File.ReadAllTextAsync(file, cancellationToken).ConfigureAwait(false), file));
        }

        return trajectories;
    }

    /// <summary>
    /// The judged conversations of the llm_rubric grader <paramref name="grader"/> (by default the only one the trajectories
    /// have). A trajectory counts when that grader applied and scored every criterion, and its judge was not itself a reward model.
    /// </summary>
    /// <exception cref="InvalidDataException">No trajectory has a usable result, or the grader is ambiguous or unknown.</exception>
    public static RubricLabels Labels(IReadOnlyList<Trajectory> trajectories, string source, string? grader = null)
    {
        ArgumentNullException.ThrowIfNull(trajectories);
        var rubrics = trajectories.SelectMany(t => t.Graders).Where(g => g.Type == GraderTypes.LlmRubric).Select(g => g.Name).Distinct(StringComparer.Ordinal).ToList();
        if (rubrics.Count == 0)
        {
            throw new InvalidDataException($"{source}: the trajectories have no llm_rubric grader results");
        }

        var name = grader ?? (rubrics.Count == 1 ? rubrics[0] : throw new InvalidDataException($"{source}: the trajectories have several llm_rubric graders ({string.Join(", ", rubrics)}): choose one"));
        if (!rubrics.Contains(name, StringComparer.Ordinal))
        {
            throw new InvalidDataException($"{source}: no llm_rubric grader named '{name}' (the trajectories have {string.Join(", ", rubrics)})");
        }

        IReadOnlyList<string>? criteria = null;
        var examples = new List<RewardExample>();
        var judges = new SortedSet<string>(StringComparer.Ordinal);
        var environments = new SortedSet<string>(StringComparer.Ordinal);
        var skipped = 0;
        foreach (var trajectory in trajectories)
        {
            var result = trajectory.Graders.FirstOrDefault(g => g.Name == name && g.Type == GraderTypes.LlmRubric);
            if (result is not { Applicable: true, Criteria: { Count: > 0 } scores } || trajectory.Judge?.Kind == RewardModelScorer.IdentityKind)
            {
                skipped++;
                continue;
            }

            criteria ??= [.. scores.Keys];
            if (!criteria.All(scores.ContainsKey))
            {
                skipped++;
                continue;
            }

            examples.Add(new RewardExample($"{trajectory.RunId}/{trajectory.EpisodeId}", trajectory.Messages, [.. criteria.Select(c => scores[c])]));
            if (trajectory.Judge is { } judge)
            {
                judges.Add(judge.ToString());
            }

            environments.Add($"{trajectory.Environment.Name}@{trajectory.Environment.Version}");
        }

        if (criteria is null || examples.Count == 0)
        {
            throw new InvalidDataException(
                $"{source}: none of the {trajectories.Count} trajectories has a judge's scores for '{name}' (without a judge model the grader is skipped: run the episodes with --judge openai:<model>)");
        }

        return new RubricLabels(name, criteria, judges.Count > 0 ? string.Join(", ", judges) : null, environments.Count > 0 ? string.Join(", ", environments) : null, examples, skipped);
    }

    private static async Task<IReadOnlyList<Trajectory>> ReadJsonlAsync(string path, CancellationToken cancellationToken)
    {
        var trajectories = new List<Trajectory>();
        var lineNumber = 0;
        foreach (var line in await File.ReadAllLinesAsync(path, cancellationToken).ConfigureAwait(false))
        {
            lineNumber++;
            if (!string.IsNullOrWhiteSpace(line))
            {
                trajectories.Add(Parse(line, $"{path}:{lineNumber}"));
            }
        }

        return trajectories.Count > 0 ? trajectories : throw new InvalidDataException($"{path}: no trajectories");
    }

    private static Trajectory Parse(string json, string where)
    {
        Trajectory? trajectory;
        try
        {
            trajectory = JsonSerializer.Deserialize(json, SparringJsonContext.Default.Trajectory);
        }
        catch (JsonException ex)
        {
            throw new InvalidDataException($"{where}: {ex.Path}: {ex.Message}", ex);
        }

        if (trajectory is null)
        {
            throw new InvalidDataException($"{where}: not a trajectory");
        }

        return trajectory.SchemaVersion == Trajectory.CurrentSchemaVersion
            ? trajectory
            : throw new InvalidDataException($"{where}: $.schemaVersion: {trajectory.SchemaVersion}; this build reads {Trajectory.CurrentSchemaVersion}");
    }
}
