namespace Sparring.Serving.Protocol;

/// <summary>The answer of GET /v1/models.</summary>
/// <param name="Object">Always "list".</param>
/// <param name="Data">The served models.</param>
internal sealed record ModelList(string Object, IReadOnlyList<ModelEntry> Data);
