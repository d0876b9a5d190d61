using Sparring.Abstractions.Trajectories;
using Sparring.Engine.Chat;
using Sparring.Engine.Environments;

namespace Sparring.Engine.Users;

/// <summary>Makes <see cref="ScriptedMockUser"/>s.</summary>
public sealed class ScriptedMockUserFactory : IMockUserFactory
{
    /// <inheritdoc />
    public ModelIdentity Identity { get; } = new("scripted", "rules-v1");

    /// <inheritdoc />
    public ModelPricing Pricing => ModelPricing.Free;

    /// <inheritdoc />
    public IMockUser Create(ScenarioSpec scenario, long seed)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        return new ScriptedMockUser(scenario.Persona, seed);
    }
}
