namespace Sparring.Engine.Templates;

/// <summary>The scenario cache as stored in its folder: the engine build that wrote it, and its entries by content hash.</summary>
/// <param name="Engine">The build of the engine (and of its JavaScript engine) the entries hold for; another build ignores them.</param>
/// <param name="Entries">Content hash → what was found for it.</param>
internal sealed record ScenarioCacheFile(string Engine, IReadOnlyDictionary<string, string> Entries);
