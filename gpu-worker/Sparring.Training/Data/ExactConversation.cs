using Sparring.Abstractions.Trajectories;
using Sparring.Training.Tokenization;
using Sparring.Training.Checkpoints;

namespace Sparring.Training.Data;

/// <summary>
/// Renders a conversation as the policy read it, with each assistant turn that carries the token ids the policy sampled
/// spliced in as sampled. Re-encoding the text instead would put tokens the policy never wrote into the prompt of
/// later turns and into PPO's actions: a malformed tool call, for one, is stored as a placeholder call.
/// </summary>
public static class ExactConversation
{
    /// <summary>Ids and the mask of the policy's tokens; <paramref name="assistantTokens"/> holds, per assistant message in order, its sampled ids or null.</summary>
    public static (int[] Ids, bool[] Mask) Render(ChatTemplate template, IReadOnlyList<ChatMessageRecord> messages, IReadOnlyList<IReadOnlyList<int>?> assistantTokens, PromptOptions prompt, IReadOnlyList<ToolDeclaration>? tools = null)
    {
        var (ids, mask, _) = RenderTurns(template, messages, assistantTokens, prompt, tools);
        return (ids, mask);
    }

    /// <summary>As <see cref="Render"/>, with where each assistant turn's content starts and ends (exclusive) in the ids.</summary>
    public static (int[] Ids, bool[] Mask, IReadOnlyList<Range> AssistantTurns) RenderTurns(ChatTemplate template, IReadOnlyList<ChatMessageRecord> messages, IReadOnlyList<IReadOnlyList<int>?> assistantTokens, PromptOptions prompt, IReadOnlyList<ToolDeclaration>? tools = null)
    {
        ArgumentNullException.ThrowIfNull(template);
        ArgumentNullException.ThrowIfNull(assistantTokens);
        var rendered = template.Render(ConversationWindows.Visible(messages, prompt), prompt.IncludeTools ? tools : null);
        var ids = new List<int>(rendered.Ids.Count + 64);
        var mask = new List<bool>(rendered.Ids.Count + 64);
        var turns = new List<Range>();
        var cursor = 0;
        var assistant = 0;
        foreach (var span in rendered.Messages.Where(span => span.Role == "assistant"))
        {
            var sampled = assistant < assistantTokens.Count ? assistantTokens[assistant] : null;
            assistant++;
            if (sampled is not { Count: > 0 })
            {
                Copy(rendered, cursor, span.End, ids, mask);
                turns.Add(new Range(ids.Count - (span.End - span.ContentStart), ids.Count));
                cursor = span.End;
                continue;
            }

            Copy(rendered, cursor, span.ContentStart, ids, mask);
            var start = ids.Count;
            // Exactly as sampled, whatever stop token ended the turn: the policy re-reads and is trained on what it wrote.
            foreach (var token in sampled)
            {
                ids.Add(token);
                mask.Add(true);
            }

            if (!ChatTemplate.IsStopToken(sampled[^1]))
            {
                // Cut by the token limit: the turn still ends as every turn does, with a token the policy did not write.
                ids.Add(SpecialTokens.End);
                mask.Add(false);
            }

            turns.Add(new Range(start, ids.Count));
            cursor = span.End;
        }

        Copy(rendered, cursor, rendered.Ids.Count, ids, mask);
        return ([.. ids], [.. mask], turns);
    }

    private static void Copy(RenderedConversation rendered, int from, int to, List<int> ids, List<bool> mask)
    {
        for (var i = from; i < to; i++)
        {
            ids.Add(rendered.Ids[i]);
            mask.Add(rendered.AssistantMask[i]);
        }
    }
}
