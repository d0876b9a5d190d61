namespace Sparring.Functions.Http;

/// <summary>
/// The model names <c>Sparring.Models.ModelCatalog</c> resolves, checked when a run is submitted: a misspelt policy
/// would otherwise fail every episode of the run, one activity at a time.
/// </summary>
internal static class ModelNames
{
    public const string PolicyRule = "reference, random or openai:<deployment-or-model>";

    public const string UserRule = "scripted, llm or llm:<deployment-or-model>";

    public const string JudgeRule = "none, <deployment-or-model> or openai:<deployment-or-model>";

    private const int MaxLength = 200;

    public static bool IsPolicy(string name) => name is "reference" or "random" || HasModel(name, "openai:");

    public static bool IsUser(string name) => name is "scripted" or "llm" || HasModel(name, "llm:");

    public static bool IsJudge(string name) => name.StartsWith("openai:", StringComparison.Ordinal) ? HasModel(name, "openai:") : IsModel(name);

    private static bool HasModel(string name, string prefix) =>
        name.StartsWith(prefix, StringComparison.Ordinal) && IsModel(name[prefix.Length..]);

    private static bool IsModel(string model) =>
        model.Length is > 0 and <= MaxLength && model.All(c => !char.IsWhiteSpace(c) && !char.IsControl(c));
}
