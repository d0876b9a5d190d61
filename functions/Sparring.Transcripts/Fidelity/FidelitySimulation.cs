using Sparring.Abstractions.Trajectories;
using Sparring.Engine.Chat;
using Sparring.Engine.Environments;
using Sparring.Engine.Episodes;
using Sparring.Engine.Grading;
using Sparring.Engine.Tools;
using Sparring.Engine.Users;
using Sparring.Transcripts.Parsing;

namespace Sparring.Transcripts.Fidelity;

/// <summary>Simulated conversations for the fidelity score: episodes of an environment with a mock user, as transcripts.</summary>
public static class FidelitySimulation
{
    /// <summary>
    /// Runs <paramref name="episodesPerScenario"/> episodes of each scenario with <paramref name="policy"/> and
    /// <paramref name="users"/> (no judge) and returns their conversations; seeds come from <paramref name="seed"/>.
    /// </summary>
    public static async Task<IReadOnlyList<Transcript>> SimulateAsync(
        LoadedEnvironment environment, ChatModel policy, IMockUserFactory users, IReadOnlyList<string> scenarioIds, int episodesPerScenario, long seed, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(environment);
        ArgumentNullException.ThrowIfNull(scenarioIds);
        ArgumentOutOfRangeException.ThrowIfLessThan(episodesPerScenario, 1);
        var runner = new EpisodeRunner(environment, policy, users, new EpisodeGrader(environment.Spec, judge: null));
        var conversations = new List<Transcript>();
        foreach (var id in scenarioIds)
        {
            for (var repetition = 0; repetition < episodesPerScenario; repetition++)
            {
                var episodeSeed = (long)(DeterministicRandom.SeedFrom($"fidelity/{seed}/{id}/{repetition}") >> 1);
                var trajectory = await runner.RunAsync(new EpisodeRequest("fidelity", id, repetition, episodeSeed), cancellationToken).ConfigureAwait(false);
                conversations.Add(FromTrajectory(trajectory));
            }
        }

        return conversations;
    }

    /// <summary>The conversation of a trajectory as a transcript (source: the run, line: 0).</summary>
    public static Transcript FromTrajectory(Trajectory trajectory)
    {
        ArgumentNullException.ThrowIfNull(trajectory);
        var turns = trajectory.Messages.Select(m => new TranscriptTurn(
            m.Role switch
            {
                "user" => TranscriptRole.Customer,
                "assistant" => TranscriptRole.Agent,
                "tool" => TranscriptRole.Tool,
                _ => TranscriptRole.System,
            },
            m.Content?.Trim() ?? string.Empty,
            m.ToolCalls,
            m.ToolCallId)).ToList();
        return Transcript.Create($"{trajectory.RunId}/{trajectory.EpisodeId}", 0, turns);
    }
}
