using System.Text.Json;
using Microsoft.Extensions.AI;

namespace Sparring.Samples.MedicalSupply.Agent;

/// <summary>Turns an <see cref="AgentStep"/> into the chat response a policy returns.</summary>
internal static class StepResponse
{
    /// <summary>One assistant message: a function call with a fresh call id, or text.</summary>
    public static ChatResponse From(AgentStep step, Conversation conversation, string modelId)
    {
        AIContent content = step.IsCall
            ? new FunctionCallContent($"call_{conversation.CallCount + 1}", step.Tool!, Arguments(step))
            : new TextContent(step.Text);
        return new ChatResponse(new ChatMessage(ChatRole.Assistant, [content])) { ModelId = modelId, FinishReason = step.IsCall ? ChatFinishReason.ToolCalls : ChatFinishReason.Stop };
    }

    private static Dictionary<string, object?> Arguments(AgentStep step)
    {
        var arguments = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var (name, value) in step.Arguments!)
        {
            using var document = JsonDocument.Parse(value?.ToJsonString() ?? "null");
            arguments[name] = document.RootElement.Clone();
        }

        return arguments;
    }
}
