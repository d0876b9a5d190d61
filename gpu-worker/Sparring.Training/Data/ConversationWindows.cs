using Sparring.Abstractions.Trajectories;
using Sparring.Training.Tokenization;
using Sparring.Training.Checkpoints;

namespace Sparring.Training.Data;

/// <summary>
/// Renders conversations as a policy reads them and cuts those longer than the context into windows that overlap by
/// half, so every assistant token is trained exactly once with at least half a context of history before it.
/// </summary>
public static class ConversationWindows
{
    /// <summary>The messages a policy with these prompt options sees.</summary>
    public static IReadOnlyList<ChatMessageRecord> Visible(IReadOnlyList<ChatMessageRecord> messages, PromptOptions prompt) =>
        prompt.IncludeSystem ? messages : messages.Where(message => message.Role != "system").ToList();

    /// <summary>Training windows of one conversation; none when it has no assistant tokens.</summary>
    public static IEnumerable<TokenizedExample> Of(ChatTemplate template, IReadOnlyList<ChatMessageRecord> messages, PromptOptions prompt, int context, IReadOnlyList<ToolDeclaration>? tools = null)
    {
        var rendered = template.Render(Visible(messages, prompt), prompt.IncludeTools ? tools : null);
        var ids = rendered.Ids.ToArray();
        var mask = rendered.AssistantMask.ToArray();
        return Cut(ids, mask, context);
    }

    /// <summary>Cuts ids and mask into windows of at most <paramref name="context"/> tokens.</summary>
    public static IEnumerable<TokenizedExample> Cut(int[] ids, bool[] mask, int context)
    {
        if (ids.Length <= context)
        {
            if (mask.Any(m => m))
            {
                yield return new TokenizedExample(ids, mask);
            }

            yield break;
        }

        var half = context / 2;
        for (var start = 0; start < ids.Length - half || start == 0; start += half)
        {
            var length = Math.Min(context, ids.Length - start);
            var firstTrained = start == 0 ? 0 : half;
            var windowMask = new bool[length];
            for (var i = firstTrained; i < length; i++)
            {
                windowMask[i] = mask[start + i];
            }

            if (windowMask.Any(m => m))
            {
                yield return new TokenizedExample(ids[start..(start + length)], windowMask);
            }

            if (start + length >= ids.Length)
            {
                yield break;
            }
        }
    }
}
