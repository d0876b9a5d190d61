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
/// Resolves model names (their forms are <see cref="ModelNames"/>): policies reference (the environment's rule-based agent, where the host registers one), random,
/// openai:&lt;deployment-or-model&gt;, served:&lt;name@version&gt; or a host's own (<paramref name="policies"/>); users scripted, llm (Sparring:User:Model),
/// llm:&lt;deployment-or-model&gt; or a host's own (<paramref name="users"/>); judges none, &lt;model&gt;, openai:&lt;model&gt;
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
        if (name == ModelNames.Random)
        {
            return new ChatModel(new RandomPolicy(), new ModelIdentity(ModelNames.Random, "uniform-v1"), ModelPricing.Free);
        }

        if (name == ModelNames.Reference)
        {
            return referenceAgents.TryGetValue(environment.Spec.Name, out var create)
                ? create()
                : throw new ModelConfigurationException(referenceAgents.Count == 0
                    ? $"There is no reference agent for '{environment.Spec.Name}': this host registers none (the sparring command registers the sample environments' agents)."
                    : $"There is no reference agent for '{environment.Spec.Name}' (reference agents exist for: {string.Join(", ", referenceAgents.Keys)}).");
        }

        if (ModelNames.ModelAfter(name, ModelNames.OpenAiPrefix) is { } model)
        {
            return _models.Create(model);
        }

        if (ModelNames.ModelAfter(name, ModelNames.ServedPrefix) is { } served)
        {
            return _models.CreateServed(served);
        }

        if (policies?.TryCreate(name, environment) is { } policy)
        {
            return policy;
        }

        throw new ModelConfigurationException($"Unknown policy '{name}': use {string.Join(", ", ModelNames.PolicyForms.Concat(policies?.NameForms ?? []))}.");
    }

    /// <inheritdoc />
    public IMockUserFactory Users(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return name switch
        {
            ModelNames.Scripted => new ScriptedMockUserFactory(),
            ModelNames.Llm => new LlmMockUserFactory(_models.Create(configuration["Sparring:User:Model"] ?? throw new ModelConfigurationException($"--user {ModelNames.Llm} needs a model: set Sparring__User__Model or use {ModelNames.LlmPrefix}<deployment-or-model>."))),
            _ when ModelNames.ModelAfter(name, ModelNames.LlmPrefix) is { } model => new LlmMockUserFactory(_models.Create(model)),
            _ when users?.TryCreate(name, Users) is { } found => found,
            _ => throw new ModelConfigurationException($"Unknown user '{name}': use {string.Join(", ", ModelNames.UserForms.Concat(users?.NameForms ?? []))}."),
        };
    }

    /// <inheritdoc />
    public ChatModel? Judge(string? name) => JudgeName(name) switch
    {
        ModelNames.None => null,
        var judge when judge.StartsWith(ModelNames.RewardModelPrefix, StringComparison.Ordinal) => null,
        var judge => _models.Create(
            ModelNames.JudgeModel(judge) ?? throw new ModelConfigurationException($"Unknown judge '{judge}': use {string.Join(", ", ModelNames.JudgeForms(rewardModels is not null))}."),
            cached: true),
    };

    /// <inheritdoc />
    public IRubricScorer? RubricScorer(string? name)
    {
        var judge = JudgeName(name);
        if (!judge.StartsWith(ModelNames.RewardModelPrefix, StringComparison.Ordinal))
        {
            return null;
        }

        if (ModelNames.RewardModelFolder(judge) is not { } folder)
        {
            throw new ModelConfigurationException($"{ModelNames.RewardModelPrefix} needs a checkpoint folder: {ModelNames.RewardModelPrefix}<folder>.");
        }

        if (rewardModels is null)
        {
            throw new ModelConfigurationException($"'{judge}' names a reward model, but this host cannot load reward models (the sparring CLI and the GPU worker can).");
        }

        return _scorers.GetOrAdd(Path.GetFullPath(folder), _ => new Lazy<IRubricScorer>(() => rewardModels(folder))).Value;
    }

    private string JudgeName(string? name) => name ?? configuration["Sparring:Judge:Model"] ?? ModelNames.None;
}
