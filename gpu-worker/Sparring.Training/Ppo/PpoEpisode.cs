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
    /// Renders a trajectory as the policy read it. Assistant turns are re-encoded from their text (the canonical
    /// tokens, which a policy trained on the same tokenizer almost always samples). A conversation longer than the
    /// context keeps its latest tokens; the earlier turns then get no gradient.
    /// </summary>
    public static PpoEpisode? From(IReadOnlyList<ChatMessageRecord> messages, double score, ChatTemplate template, PromptOptions prompt, int context)
    {
        var rendered = template.Render(ConversationWindows.Visible(messages, prompt));
        var start = Math.Max(0, rendered.Ids.Count - context);
        var ids = rendered.Ids.Skip(start).ToArray();
        var mask = rendered.AssistantMask.Skip(start).ToArray();
        return mask.Skip(1).Any(m => m) ? new PpoEpisode(ids, mask, score) : null;
    }
}
