using Sparring.Abstractions.Trajectories;
using Sparring.Tokenization;
using Sparring.Training.Checkpoints;
using Sparring.Training.Data;

namespace Sparring.Training.Ppo;

/// <summary>An episode as PPO trains on it: the conversation's token ids, which of them the policy wrote, and its score.</summary>
/// <param name="Ids">The rendered conversation (its latest context-length tokens).</param>
/// <param name="PolicyMask">True at the tokens the policy generated: only they get gradients.</param>
/// <param name="Score">The episode's reward.</param>
public sealed record PpoEpisode(int[] Ids, bool[] PolicyMask, double Score)
{
    /// <summary>
    /// Renders an episode as the policy read it. Assistant turns whose sampled ids are known (a local policy reports them
    /// in its turn records) are trained on exactly as sampled; others are re-encoded from their text. A conversation
    /// longer than the context keeps its latest tokens; the earlier turns then get no gradient.
    /// </summary>
    public static PpoEpisode? From(Trajectory trajectory, double score, ChatTemplate template, PromptOptions prompt, int context)
    {
        ArgumentNullException.ThrowIfNull(trajectory);
        var sampled = trajectory.Turns.Where(turn => turn.Role == "assistant").Select(turn => turn.GeneratedTokens).ToList();
        // Turns and messages pair up one to one; if a policy call failed they may not, and then nothing is spliced.
        if (sampled.Count != trajectory.Messages.Count(message => message.Role == "assistant"))
        {
            sampled = [];
        }

        return From(trajectory.Messages, score, template, prompt, context, sampled);
    }

    /// <summary>Renders a conversation; <paramref name="sampled"/> holds, per assistant message, its sampled ids or null.</summary>
    public static PpoEpisode? From(IReadOnlyList<ChatMessageRecord> messages, double score, ChatTemplate template, PromptOptions prompt, int context, IReadOnlyList<IReadOnlyList<int>?>? sampled = null)
    {
        var (allIds, allMask) = ExactConversation.Render(template, messages, sampled ?? [], prompt);
        var start = Math.Max(0, allIds.Length - context);
        var ids = allIds[start..];
        var mask = allMask[start..];
        return mask.Skip(1).Any(m => m) ? new PpoEpisode(ids, mask, score) : null;
    }
}
