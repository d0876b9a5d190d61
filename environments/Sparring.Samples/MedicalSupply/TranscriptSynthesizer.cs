using System.Text;
using System.Text.Json;
using Sparring.Abstractions.Json;
using Sparring.Abstractions.Trajectories;
using Sparring.Engine.Chat;
using Sparring.Engine.Environments;
using Sparring.Engine.Episodes;
using Sparring.Engine.Grading;
using Sparring.Engine.Tools;
using Sparring.Engine.Users;

namespace Sparring.Samples.MedicalSupply;

/// <summary>
/// Synthesizes support transcripts by running the <see cref="ImperfectAgent"/> against the scripted users of every
/// scenario, mistakes included, and writes them as chat JSONL: one conversation a line, {"messages": [...]} in the
/// OpenAI chat fine-tuning format, tool calls and tool results as trajectories record them. Deterministic: the same
/// environment and settings always give the same bytes.
/// </summary>
/// <param name="environment">The medical-supply environment.</param>
/// <param name="repetitions">Episodes per scenario, each with its own seed.</param>
/// <param name="mistakeRate">The imperfect agent's mistake rate.</param>
public sealed class TranscriptSynthesizer(LoadedEnvironment environment, int repetitions = TranscriptSynthesizer.DefaultRepetitions, double mistakeRate = ImperfectAgent.DefaultMistakeRate)
{
    /// <summary>Episodes per scenario in the committed transcripts.</summary>
    public const int DefaultRepetitions = 2;

    /// <summary>Runs every scenario <c>repetitions</c> times and returns the trajectories, scenario by scenario.</summary>
    public async Task<IReadOnlyList<Trajectory>> RunAsync(CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(environment);
        var runner = new EpisodeRunner(
            environment,
            new ChatModel(new ImperfectAgent(mistakeRate), new ModelIdentity("imperfect", ImperfectAgent.ModelId), ModelPricing.Free),
            new ScriptedMockUserFactory(),
            new EpisodeGrader(environment.Spec, judge: null));
        var trajectories = new List<Trajectory>();
        foreach (var scenario in environment.Spec.Scenarios)
        {
            for (var repetition = 0; repetition < repetitions; repetition++)
            {
                var seed = (long)(DeterministicRandom.SeedFrom($"synthetic/{scenario.Id}/{repetition}") >> 1);
                trajectories.Add(await runner.RunAsync(new EpisodeRequest("synthetic", scenario.Id, repetition, seed), cancellationToken).ConfigureAwait(false));
            }
        }

        return trajectories;
    }

    /// <summary>The transcripts of the trajectories as chat JSONL (LF line ends, a final newline).</summary>
    public static string ToJsonl(IEnumerable<Trajectory> trajectories)
    {
        ArgumentNullException.ThrowIfNull(trajectories);
        var text = new StringBuilder();
        foreach (var trajectory in trajectories)
        {
            text.Append("{\"messages\":")
                .Append(JsonSerializer.Serialize(trajectory.Messages, SparringJsonContext.Default.IReadOnlyListChatMessageRecord))
                .Append("}\n");
        }

        return text.ToString();
    }

    /// <summary>Synthesizes the transcripts and writes them to <paramref name="path"/>; returns the trajectories.</summary>
    public async Task<IReadOnlyList<Trajectory>> WriteAsync(string path, CancellationToken cancellationToken = default)
    {
        var trajectories = await RunAsync(cancellationToken).ConfigureAwait(false);
        await File.WriteAllTextAsync(path, ToJsonl(trajectories), new UTF8Encoding(false), cancellationToken).ConfigureAwait(false);
        return trajectories;
    }
}
