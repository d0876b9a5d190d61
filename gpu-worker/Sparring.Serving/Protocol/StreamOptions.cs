namespace Sparring.Serving.Protocol;

/// <summary>Options of a streamed request.</summary>
/// <param name="IncludeUsage">Whether a last chunk with usage and no choices is sent before [DONE].</param>
internal sealed record StreamOptions(bool? IncludeUsage);
