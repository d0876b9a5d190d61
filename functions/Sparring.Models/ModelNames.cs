namespace Sparring.Models;

/// <summary>
/// The model names <see cref="ModelCatalog"/> resolves by itself, as side-effect-free checks: the catalog dispatches on
/// them, and a host's door (the Function App's <c>POST /api/runs</c>) checks them, so what is accepted is what resolves.
/// Names a host adds through <c>IPolicySource</c> (checkpoint:, live:) or <c>IMockUserSource</c> (grounded) are that
/// host's, and are not among them.
/// </summary>
public static class ModelNames
{
    /// <summary>The environment's rule-based agent, where the host registers one.</summary>
    public const string Reference = "reference";

    /// <summary>The policy that calls tools and says things at random.</summary>
    public const string Random = "random";

    /// <summary>Prefix of a policy or judge of the LLM provider (<c>Sparring:Llm</c>): openai:&lt;deployment-or-model&gt;.</summary>
    public const string OpenAiPrefix = "openai:";

    /// <summary>Prefix of a policy served by the GPU worker's OpenAI-compatible endpoint (<c>Sparring:Served:Endpoint</c>): served:&lt;name@version&gt;.</summary>
    public const string ServedPrefix = "served:";

    /// <summary>The rule-based mock users.</summary>
    public const string Scripted = "scripted";

    /// <summary>LLM mock users on the model of <c>Sparring:User:Model</c>.</summary>
    public const string Llm = "llm";

    /// <summary>Prefix of LLM mock users on a given model: llm:&lt;deployment-or-model&gt;.</summary>
    public const string LlmPrefix = "llm:";

    /// <summary>No judge: llm_rubric graders are skipped.</summary>
    public const string None = "none";

    /// <summary>Prefix of a reward model checkpoint folder that scores llm_rubric graders in the judge's place.</summary>
    public const string RewardModelPrefix = "reward-model:";

    /// <summary>The longest deployment or model name accepted.</summary>
    public const int MaxModelLength = 200;

    /// <summary>The policy forms, for messages.</summary>
    public static IReadOnlyList<string> PolicyForms { get; } = [Reference, Random, OpenAiPrefix + "<deployment-or-model>", ServedPrefix + "<name@version>"];

    /// <summary>The mock user forms, for messages.</summary>
    public static IReadOnlyList<string> UserForms { get; } = [Scripted, Llm, LlmPrefix + "<deployment-or-model>"];

    /// <summary>Whether <paramref name="name"/> is a policy the catalog resolves itself.</summary>
    public static bool IsPolicy(string name) =>
        name is Reference or Random || ModelAfter(name, OpenAiPrefix) is not null || ModelAfter(name, ServedPrefix) is not null;

    /// <summary>Whether <paramref name="name"/> is a mock user the catalog resolves itself.</summary>
    public static bool IsUser(string name) => name is Scripted or Llm || ModelAfter(name, LlmPrefix) is not null;

    /// <summary>
    /// Whether <paramref name="name"/> is a judge the catalog resolves; reward-model:&lt;folder&gt; only where the host
    /// can load reward models (<paramref name="rewardModels"/>).
    /// </summary>
    public static bool IsJudge(string name, bool rewardModels) =>
        name == None || JudgeModel(name) is not null || (rewardModels && RewardModelFolder(name) is not null);

    /// <summary>The judge forms, for messages; reward-model:&lt;folder&gt; only where the host can load reward models.</summary>
    public static IReadOnlyList<string> JudgeForms(bool rewardModels) =>
        rewardModels
            ? [None, "<deployment-or-model>", OpenAiPrefix + "<deployment-or-model>", RewardModelPrefix + "<checkpoint-folder>"]
            : [None, "<deployment-or-model>", OpenAiPrefix + "<deployment-or-model>"];

    /// <summary>The deployment or model an LLM judge name means (<c>gpt-4o</c> or <c>openai:gpt-4o</c>); null for any other name.</summary>
    public static string? JudgeModel(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (name.StartsWith(OpenAiPrefix, StringComparison.Ordinal))
        {
            return ModelAfter(name, OpenAiPrefix);
        }

        return name != None && !name.StartsWith(RewardModelPrefix, StringComparison.Ordinal) && IsModel(name) ? name : null;
    }

    /// <summary>The checkpoint folder a reward-model:&lt;folder&gt; judge names; null for any other name or an empty folder.</summary>
    public static string? RewardModelFolder(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return name.StartsWith(RewardModelPrefix, StringComparison.Ordinal) && name.Length > RewardModelPrefix.Length ? name[RewardModelPrefix.Length..] : null;
    }

    /// <summary>The deployment or model after <paramref name="prefix"/> (openai:, served:, llm:); null when the name lacks the prefix or the rest is no model name.</summary>
    public static string? ModelAfter(string name, string prefix)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(prefix);
        return name.StartsWith(prefix, StringComparison.Ordinal) && IsModel(name[prefix.Length..]) ? name[prefix.Length..] : null;
    }

    /// <summary>The forms as a list for a sentence: "a, b or c".</summary>
    public static string Describe(IEnumerable<string> forms)
    {
        ArgumentNullException.ThrowIfNull(forms);
        var list = forms.ToList();
        return list.Count < 2 ? string.Concat(list) : $"{string.Join(", ", list[..^1])} or {list[^1]}";
    }

    // A deployment or model name: what a provider could know, never whitespace or control characters.
    private static bool IsModel(string model) =>
        model.Length is > 0 and <= MaxModelLength && model.All(c => !char.IsWhiteSpace(c) && !char.IsControl(c));
}
