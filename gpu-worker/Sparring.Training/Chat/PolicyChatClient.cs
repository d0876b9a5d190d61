using Microsoft.Extensions.AI;
using Sparring.Engine.Chat;
using Sparring.Engine.Episodes;
using Sparring.Training.Tokenization;
using Sparring.Training.Checkpoints;
using Sparring.Training.Data;
using Sparring.Training.Generation;

namespace Sparring.Training.Chat;

/// <summary>
/// A trained policy behind <see cref="IChatClient"/>: renders the conversation with the checkpoint's template,
/// generates through a shared batcher, and parses the turn into text and tool calls. A malformed call comes back as a
/// <see cref="FunctionCallContent"/> carrying an exception, which the episode runner records as an invalid tool call.
/// </summary>
public sealed class PolicyChatClient(PolicyCheckpoint policy, GenerationBatcher batcher, string modelId, PolicySampling sampling) : IChatClient
{
    /// <inheritdoc />
    public async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(messages);
        var list = messages as IReadOnlyList<ChatMessage> ?? messages.ToList();
        var history = ConversationWindows.Visible(ChatFormat.ToRecords(list), policy.Config.Prompt);
        var sampled = list.Where(message => message.Role == ChatRole.Assistant).Select(GeneratedTokens.Of).ToList();
        var (ids, _) = ExactConversation.Render(policy.Template, history, sampled, policy.Config.Prompt, Declarations(options));
        int[] prompt = [.. ids, SpecialTokens.Assistant];
        var request = new GenerationRequest(
            prompt,
            Math.Min(options?.MaxOutputTokens ?? sampling.MaxNewTokens, policy.Config.Model.ContextLength / 2),
            options?.Temperature ?? sampling.Temperature,
            options?.TopP ?? sampling.TopP,
            TurnSeed(options?.Seed, history.Count));
        var generated = await batcher.GenerateAsync(request, cancellationToken).ConfigureAwait(false);
        var turn = policy.Template.Parse(generated.Tokens);
        var contents = new List<AIContent>();
        if (turn.Text.Length > 0)
        {
            contents.Add(new TextContent(turn.Text));
        }

        for (var index = 0; index < turn.ToolCalls.Count; index++)
        {
            contents.Add(ToolCallContent.From(turn.ToolCalls[index], $"call_{history.Count}_{index}"));
        }

        var calls = contents.OfType<FunctionCallContent>().Any();
        var message = new ChatMessage(ChatRole.Assistant, contents);
        GeneratedTokens.Attach(message, generated.Tokens);
        return new ChatResponse(message)
        {
            ModelId = modelId,
            FinishReason = calls ? ChatFinishReason.ToolCalls : generated.Stopped ? ChatFinishReason.Stop : ChatFinishReason.Length,
            Usage = new UsageDetails { InputTokenCount = generated.PromptTokens, OutputTokenCount = generated.Tokens.Length, TotalTokenCount = generated.PromptTokens + generated.Tokens.Length },
        };
    }

    /// <inheritdoc />
    public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var response = await GetResponseAsync(messages, options, cancellationToken).ConfigureAwait(false);
        foreach (var update in response.ToChatResponseUpdates())
        {
            yield return update;
        }
    }

    /// <inheritdoc />
    public object? GetService(Type serviceType, object? serviceKey = null) =>
        serviceKey is null && serviceType.IsInstanceOfType(this) ? this : null;

    /// <inheritdoc />
    public void Dispose()
    {
    }

    // Episodes pass one seed for all their turns; each turn draws its own stream from it.
    private static int TurnSeed(long? seed, int turn) => HashCode.Combine(seed ?? 0, turn) & int.MaxValue;

    private static IReadOnlyList<ToolDeclaration>? Declarations(ChatOptions? options) =>
        options?.Tools?.OfType<AIFunctionDeclaration>().Select(tool => new ToolDeclaration(tool.Name, tool.Description, tool.JsonSchema)).ToList();
}
