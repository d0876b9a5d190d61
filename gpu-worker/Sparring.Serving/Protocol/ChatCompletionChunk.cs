namespace Sparring.Serving.Protocol;

/// <summary>One server-sent event of a streamed response.</summary>
/// <param name="Id">The same chatcmpl-… on every chunk of a response.</param>
/// <param name="Object">Always "chat.completion.chunk".</param>
/// <param name="Created">Unix seconds, the same on every chunk.</param>
/// <param name="Model">The served model id.</param>
/// <param name="Choices">One choice, or none on the final usage chunk.</param>
/// <param name="Usage">Only on the final usage chunk.</param>
internal sealed record ChatCompletionChunk(string Id, string Object, long Created, string Model, IReadOnlyList<ChunkChoice> Choices, CompletionUsage? Usage);
