using Sparring.Abstractions.Trajectories;
using Sparring.Engine.Chat;

namespace Sparring.Samples.MedicalSupply;

/// <summary>The sample environments' rule-based reference agents, by environment name: what a host that registers them runs for --policy reference.</summary>
public static class SampleAgents
{
    /// <summary>Environment name → a factory of its reference agent.</summary>
    public static IReadOnlyDictionary<string, Func<ChatModel>> References { get; } = new Dictionary<string, Func<ChatModel>>(StringComparer.Ordinal)
    {
        ["medical-supply-support"] = () => new ChatModel(new ReferenceAgent(), new ModelIdentity("reference", ReferenceAgent.ModelId), ModelPricing.Free),
    };
}
