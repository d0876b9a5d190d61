using Sparring.Engine.Users;

namespace Sparring.Transcripts.Users;

/// <summary>
/// The grounded user names for a model catalog: "grounded" (scripted, phrasing from the transcripts) and
/// "grounded:&lt;user&gt;" (the catalog's &lt;user&gt;, e.g. llm:&lt;deployment&gt;, with style examples in its persona).
/// </summary>
/// <param name="corpus">The real conversations the host read (the engine reads no files).</param>
public sealed class GroundedUserSource(GroundingCorpus corpus) : IMockUserSource
{
    /// <summary>The name prefix of grounded users.</summary>
    public const string Name = "grounded";

    /// <inheritdoc />
    public IReadOnlyList<string> NameForms { get; } = [Name, "grounded:llm:<deployment-or-model>"];

    /// <inheritdoc />
    public IMockUserFactory? TryCreate(string name, Func<string, IMockUserFactory> users)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(users);
        if (name == Name)
        {
            return new GroundedScriptedUserFactory(corpus);
        }

        return name.StartsWith(Name + ":", StringComparison.Ordinal) && name.Length > Name.Length + 1
            ? new GroundedLlmUserFactory(users(name[(Name.Length + 1)..]), corpus)
            : null;
    }
}
