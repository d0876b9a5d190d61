using Sparring.Abstractions.Trajectories;
using Sparring.Engine.Chat;
using Sparring.Samples.MedicalSupply;

namespace Sparring.Models;

/// <summary>The rule-based reference agents, by the environment they solve: what --policy reference runs.</summary>
public static class ReferenceAgents
{
    /// <summary>Environment name → a factory of its reference agent.</summary>
    public static IReadOnlyDictionary<string, Func<ChatModel>> Create() => new Dictionary<string, Func<ChatModel>>(StringComparer.Ordinal)
    {
        ["medical-supply-support"] = () => new ChatModel(new ReferenceAgent(), new ModelIdentity("reference", ReferenceAgent.ModelId), ModelPricing.Free),
    };
}
