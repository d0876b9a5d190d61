using Sparring.Abstractions.Trajectories;
using Sparring.Training.Tokenization;
using Sparring.Training.Checkpoints;
using Sparring.Training.Data;

namespace Sparring.Training.Ppo;

/// <summary>An episode as RL (PPO, GRPO, RLOO) trains on it: the conversation's token ids, which of them the policy wrote, and its score.</summary>
/// <param name="Ids">The rendered conversation (its latest context-length tokens).</param>
/// <param name="PolicyMask">True at the tokens the policy generated: only they get gradients.</param>
/// <param name="Score">The episode's reward.</param>
public sealed record PpoEpisode(int[] Ids, bool[] PolicyMask, double Score)
{
    /// <summary>
    /// The episode's group, its scenario: PPO's episodes of one group share a baseline when
    /// <see cref="PpoOptions.GroupBaseline"/> is on; GRPO and RLOO compare an episode only with its group, and need one.
    /// </summary>
    public string? Group { get; init; }

    /// <summary>
    /// Renders an episode as the policy read it. Assistant turns whose sampled ids are known (a local policy reports them
    /// in its turn records) are trained on exactly as sampled; others are re-encoded from their text.
    /// </summary>
    /// <remarks>
    /// An action is trained only with the context it was sampled in: the client keeps a prompt's latest
    /// <c>context − maxNewTokens</c> tokens, so a turn whose prompt was longer saw a cut history at other positions.
    /// Such turns stay in the sequence as context but are no actions, and a conversation longer than the context keeps
    /// its beginning, where every turn was sampled from the whole history; the score still goes on the last action.
    /// </remarks>
    public static PpoEpisode? From(Trajectory trajectory, double score, ChatTemplate template, PromptOptions prompt, int context, int maxNewTokens)
    {
        ArgumentNullException.ThrowIfNull(trajectory);
        var sampled = trajectory.Turns.Where(turn => turn.Role == "assistant").Select(turn => turn.GeneratedTokens).ToList();
        // Turns and messages pair up one to one; if a policy call failed they may not, and then nothing is spliced.
        if (sampled.Count != trajectory.Messages.Count(message => message.Role == "assistant"))
        {
            sampled = [];
        }

        return From(trajectory.Messages, score, template, prompt, context, maxNewTokens, sampled) is { } episode
            ? episode with { Group = trajectory.Scenario.Id }
            : null;
    }

    /// <summary>Renders a conversation; <paramref name="sampled"/> holds, per assistant message, its sampled ids or null.</summary>
    public static PpoEpisode? From(IReadOnlyList<ChatMessageRecord> messages, double score, ChatTemplate template, PromptOptions prompt, int context, int maxNewTokens, IReadOnlyList<IReadOnlyList<int>?>? sampled = null)
    {
        var (allIds, allMask, turns) = ExactConversation.RenderTurns(template, messages, sampled ?? [], prompt);
        // The prompt of a turn is everything before its content (the assistant header included).
        var room = context - Math.Min(maxNewTokens, context / 2);
        foreach (var turn in turns)
        {
            if (turn.Start.Value > room || turn.End.Value > context)
            {
                Array.Fill(allMask, false, turn.Start.Value, turn.End.Value - turn.Start.Value);
            }
        }

        var length = Math.Min(allIds.Length, context);
        var mask = allMask[..length];
        return mask.Skip(1).Any(m => m) ? new PpoEpisode(allIds[..length], mask, score) : null;
    }
}
