using Sparring.Abstractions.Trajectories;
using Sparring.Engine.Chat;
using Sparring.Samples.MedicalSupply;

namespace Sparring.Cli.Models;

/// <summary>The rule-based reference agents, by the environment they solve: what --policy reference runs.</summary>
internal static class ReferenceAgents
{
    public static IReadOnlyDictionary<string, Func<ChatModel>> Create() => new Dictionary<string, Func<ChatModel>>(StringComparer.Ordinal)
    {
        ["medical-supply-support"] = () => new ChatModel(new ReferenceAgent(), new ModelIdentity("reference", ReferenceAgent.ModelId), ModelPricing.Free),
    };
}
