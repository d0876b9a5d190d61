using Sparring.Engine.Environments;

namespace Sparring.Engine.Chat;

/// <summary>Policies a host adds to the catalog's own (trained checkpoints, a policy being trained), by name.</summary>
public interface IPolicySource
{
    /// <summary>The name forms this source knows, for error messages (e.g. "checkpoint:&lt;folder&gt;").</summary>
    IReadOnlyList<string> NameForms { get; }

    /// <summary>The policy called <paramref name="name"/>, or null when the name is not this source's.</summary>
    ChatModel? TryCreate(string name, LoadedEnvironment environment);
}
