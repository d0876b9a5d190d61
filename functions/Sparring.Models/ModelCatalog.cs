using System.Collections.Concurrent;
using Microsoft.Extensions.Configuration;
using Sparring.Abstractions.Trajectories;
using Sparring.Engine.Chat;
using Sparring.Engine.Environments;
using Sparring.Engine.Grading;
using Sparring.Engine.Policies;
using Sparring.Engine.Users;

namespace Sparring.Models;

/// <summary>
/// Resolves model names: policies reference (the environment's rule-based agent, where the host registers one), random, openai:&lt;deployment-or-model&gt;;
/// users scripted, llm (Sparring:User:Model), llm:&lt;deployment-or-model&gt; or a host's own (<paramref name="users"/>); judges none, &lt;model&gt;, openai:&lt;model&gt;
/// or reward-model:&lt;checkpoint-folder&gt; (a reward model scores llm_rubric graders in the judge's place, loaded by
/// <paramref name="rewardModels"/>, which the host registers: this project does not reference the training libraries).
/// </summary>
/// <param name="configuration">Endpoints, keys, prices and default model names.</param>
/// <param name="referenceAgents">The reference agents by environment name.</param>
/// <param name="policies">More policies the host knows (trained checkpoints), tried for names the catalog does not know.</param>
/// <param name="rewardModels">Loads a reward model checkpoint folder as a rubric scorer; null where the host cannot.</param>
/// <param name="users">More mock users the host knows (grounded on its transcripts), tried for names the catalog does not know.</param>
public sealed class ModelCatalog(IConfiguration configuration, IReadOnlyDictionary<string, Func<ChatModel>> referenceAgents, IPolicySource? policies = null, Func<string, IRubricScorer>? rewardModels = null, IMockUserSource? users = null) : IModelCatalog
{
    /// <summary>The judge-name prefix that names a reward model checkpoint folder.</summary>
    public const string RewardModelPrefix = "reward-model:";

    /// <summary>Policies served by the GPU worker's OpenAI-compatible endpoint (<c>Sparring:Served:Endpoint</c>): <c>served:name@version</c>.</summary>
    public const string ServedPrefix = "served:";

    private readonly ChatModelFactory _models = new(configuration);

    // One loaded model per folder, shared by every runner of the process; Lazy so that concurrent first uses load once.
    private readonly ConcurrentDictionary<string, Lazy<IRubricScorer>> _scorers = new(StringComparer.Ordinal);

    /// <summary>A catalog without reference agents (a host that has some registers them through the other constructor) and, optionally, a host's own policies and reward models.</summary>
    public ModelCatalog(IConfiguration configuration, IPolicySource? policies = null, Func<string, IRubricScorer>? rewardModels = null, IMockUserSource? users = null)
        : this(configuration, new Dictionary<string, Func<ChatModel>>(), policies, rewardModels, users)
    {
    }

    /// <inheritdoc />
    public ChatModel Policy(string name, LoadedEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(environment);
        if (name == "random")
        {
            return new ChatModel(new RandomPolicy(), new ModelIdentity("random", "uniform-v1"), ModelPricing.Free);
        }

        if (name == "reference")
        {
            return referenceAgents.TryGetValue(environment.Spec.Name, out var create)
                ? create()
                : throw new ModelConfigurationException(referenceAgents.Count == 0
                    ? $"There is no reference agent for '{environment.Spec.Name}': this host registers none (the sparring command registers the sample environments' agents)."
                    : $"There is no reference agent for '{environment.Spec.Name}' (reference agents exist for: {string.Join(", ", referenceAgents.Keys)}).");
        }

        if (name.StartsWith("openai:", StringComparison.Ordinal) && name.Length > "openai:".Length)
        {
            return _models.Create(name["openai:".Length..]);
        }

        if (name.StartsWith(ServedPrefix, StringComparison.Ordinal) && name.Length > ServedPrefix.Length)
        {
            return _models.CreateServed(name[ServedPrefix.Length..]);
        }

        if (policies?.TryCreate(name, environment) is { } policy)
        {
            return policy;
        }

        var forms = string.Join(", ", new[] { "reference", "random", "openai:<deployment-or-model>", "served:<name@version> (a checkpoint the GPU worker serves)" }.Concat(policies?.NameForms ?? []));
        throw new ModelConfigurationException($"Unknown policy '{name}': use {forms}.");
    }

    /// <inheritdoc />
    public IMockUserFactory Users(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return name switch
        {
            "scripted" => new ScriptedMockUserFactory(),
            "llm" => new LlmMockUserFactory(_models.Create(configuration["Sparring:User:Model"] ?? throw new ModelConfigurationException("--user llm needs a model: set Sparring__User__Model or use llm:<deployment-or-model>."))),
            _ when name.StartsWith("llm:", StringComparison.Ordinal) => new LlmMockUserFactory(_models.Create(name["llm:".Length..])),
            _ when users?.TryCreate(name, Users) is { } found => found,
            _ => throw new ModelConfigurationException($"Unknown user '{name}': use {string.Join(", ", new[] { "scripted", "llm", "llm:<deployment-or-model>" }.Concat(users?.NameForms ?? []))}."),
        };
    }

    /// <inheritdoc />
    public ChatModel? Judge(string? name) => JudgeName(name) switch
    {
        "none" => null,
        var judge when judge.StartsWith(RewardModelPrefix, StringComparison.Ordinal) => null,
        var judge when judge.StartsWith("openai:", StringComparison.Ordinal) => _models.Create(judge["openai:".Length..], cached: true),
        var judge => _models.Create(judge, cached: true),
    };

    /// <inheritdoc />
    public IRubricScorer? RubricScorer(string? name)
    {
        var judge = JudgeName(name);
        if (!judge.StartsWith(RewardModelPrefix, StringComparison.Ordinal))
        {
            return null;
        }

        var folder = judge[RewardModelPrefix.Length..];
        if (folder.Length == 0)
        {
            throw new ModelConfigurationException("reward-model: needs a checkpoint folder: reward-model:<folder>.");
        }

        if (rewardModels is null)
        {
            throw new ModelConfigurationException($"'{judge}' names a reward model, but this host cannot load reward models (the sparring CLI and the GPU worker can).");
        }

        return _scorers.GetOrAdd(Path.GetFullPath(folder), _ => new Lazy<IRubricScorer>(() => rewardModels(folder))).Value;
    }

    private string JudgeName(string? name) => name ?? configuration["Sparring:Judge:Model"] ?? "none";
}
