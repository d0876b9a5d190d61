using Microsoft.Extensions.AI;

namespace Sparring.Serving.Translation;

/// <summary>A validated request in Microsoft.Extensions.AI terms.</summary>
/// <param name="Model">The served model id asked for.</param>
/// <param name="Messages">The conversation.</param>
/// <param name="Options">Sampling options and tool declarations.</param>
/// <param name="Stream">Whether to answer with server-sent events.</param>
/// <param name="IncludeUsage">Whether a streamed answer ends with a usage chunk.</param>
internal sealed record TranslatedRequest(string Model, IReadOnlyList<ChatMessage> Messages, ChatOptions Options, bool Stream, bool IncludeUsage);
