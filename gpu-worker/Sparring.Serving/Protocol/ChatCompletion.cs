namespace Sparring.Serving.Protocol;

/// <summary>The answer to a request that did not stream.</summary>
/// <param name="Id">chatcmpl-…</param>
/// <param name="Object">Always "chat.completion".</param>
/// <param name="Created">Unix seconds.</param>
/// <param name="Model">The served model id.</param>
/// <param name="Choices">Exactly one choice.</param>
/// <param name="Usage">Token counts, when the chat client reported them.</param>
internal sealed record ChatCompletion(string Id, string Object, long Created, string Model, IReadOnlyList<ChatCompletionChoice> Choices, CompletionUsage? Usage);
