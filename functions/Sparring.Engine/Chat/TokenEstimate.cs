using Microsoft.Extensions.AI;

namespace Sparring.Engine.Chat;

/// <summary>
/// A rough token count (about four characters a token) for models that report no usage, such as rule-based
/// policies; trajectories flag such counts as estimated.
/// </summary>
public static class TokenEstimate
{
    /// <summary>Estimated tokens of a text.</summary>
    public static int Of(string? text) => string.IsNullOrEmpty(text) ? 0 : (text.Length + 3) / 4;

    /// <summary>Estimated tokens of a conversation, tool calls and results included.</summary>
    public static int Of(IEnumerable<ChatMessage> messages)
    {
        ArgumentNullException.ThrowIfNull(messages);
        var total = 0;
        foreach (var message in messages)
        {
            total += 4;
            foreach (var content in message.Contents)
            {
                total += content switch
                {
                    TextContent text => Of(text.Text),
                    FunctionCallContent call => Of(call.Name) + Of(call.Arguments is null ? null : string.Join(",", call.Arguments.Select(a => $"{a.Key}:{a.Value}"))),
                    FunctionResultContent result => Of(result.Result?.ToString()),
                    _ => 0,
                };
            }
        }

        return total;
    }
}
