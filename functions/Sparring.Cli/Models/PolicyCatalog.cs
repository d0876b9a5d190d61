using Sparring.Abstractions.Trajectories;
using Sparring.Engine.Chat;
using Sparring.Engine.Environments;
using Sparring.Engine.Policies;

namespace Sparring.Cli.Models;

/// <summary>Resolves --policy: random, reference (the environment's rule-based agent), or openai:&lt;deployment-or-model&gt;.</summary>
internal sealed class PolicyCatalog(ChatModelFactory models, IReadOnlyDictionary<string, Func<ChatModel>> referenceAgents)
{
    public ChatModel Resolve(string policy, LoadedEnvironment environment)
    {
        if (policy == "random")
        {
            return new ChatModel(new RandomPolicy(), new ModelIdentity("random", "uniform-v1"), ModelPricing.Free);
        }

        if (policy == "reference")
        {
            return referenceAgents.TryGetValue(environment.Spec.Name, out var create)
                ? create()
                : throw new CliException($"There is no reference agent for '{environment.Spec.Name}' (reference agents exist for: {string.Join(", ", referenceAgents.Keys)}).");
        }

        if (policy.StartsWith("openai:", StringComparison.Ordinal) && policy.Length > "openai:".Length)
        {
            return models.Create(policy["openai:".Length..]);
        }

        throw new CliException($"Unknown policy '{policy}': use reference, random or openai:<deployment-or-model>.");
    }
}
