using Microsoft.Extensions.AI;
using Sparring.Abstractions.Trajectories;

namespace Sparring.Engine.Chat;

/// <summary>One finished model call as <see cref="UsageChatClient"/> reports it: the response, its tokens and how long it took.</summary>
/// <param name="Response">The model's response.</param>
/// <param name="Tokens">Input and output tokens: the model's own count, or the estimate when it reported none.</param>
/// <param name="Estimated">Whether <paramref name="Tokens"/> are estimated.</param>
/// <param name="Latency">Time from the request to the response.</param>
public sealed record ModelCall(ChatResponse Response, TokenCount Tokens, bool Estimated, TimeSpan Latency);
