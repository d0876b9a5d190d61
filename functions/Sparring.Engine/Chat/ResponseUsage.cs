using Microsoft.Extensions.AI;
using Sparring.Abstractions.Trajectories;

namespace Sparring.Engine.Chat;

/// <summary>
/// A response's token usage as the engine's middleware reads it: the counts in <see cref="ChatResponse.Usage"/> (zero
/// where missing), and whether <see cref="TokenEstimatingChatClient"/> filled them in because the model reported none.
/// </summary>
public static class ResponseUsage
{
    /// <summary>The additional-properties key that marks a response's usage as estimated.</summary>
    public const string EstimatedKey = "sparring.usage.estimated";

    /// <summary>The input and output tokens of <paramref name="response"/>.</summary>
    public static TokenCount Tokens(ChatResponse response)
    {
        ArgumentNullException.ThrowIfNull(response);
        return new TokenCount(response.Usage?.InputTokenCount ?? 0, response.Usage?.OutputTokenCount ?? 0);
    }

    /// <summary>Whether the usage of <paramref name="response"/> is an estimate.</summary>
    public static bool IsEstimated(ChatResponse response)
    {
        ArgumentNullException.ThrowIfNull(response);
        return response.AdditionalProperties?.TryGetValue(EstimatedKey, out var value) == true && value is true;
    }

    /// <summary>Replaces the usage of <paramref name="response"/> with an estimate, marked as such.</summary>
    internal static void Estimate(ChatResponse response, long inputTokens, long outputTokens)
    {
        response.Usage = new UsageDetails { InputTokenCount = inputTokens, OutputTokenCount = outputTokens, TotalTokenCount = inputTokens + outputTokens };
        (response.AdditionalProperties ??= [])[EstimatedKey] = true;
    }
}
