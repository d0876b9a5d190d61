namespace Sparring.Engine.Users;

/// <summary>Mock users a host adds to the catalog's own (users grounded on its transcripts), by name.</summary>
public interface IMockUserSource
{
    /// <summary>The name forms this source knows, for error messages (e.g. "grounded").</summary>
    IReadOnlyList<string> NameForms { get; }

    /// <summary>
    /// The users called <paramref name="name"/>, or null when the name is not this source's. <paramref name="users"/>
    /// resolves the catalog's own user names, for sources that build on them (grounded:llm:&lt;deployment&gt;).
    /// </summary>
    IMockUserFactory? TryCreate(string name, Func<string, IMockUserFactory> users);
}
