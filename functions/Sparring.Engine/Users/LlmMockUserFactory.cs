using Sparring.Abstractions.Trajectories;
using Sparring.Engine.Chat;
using Sparring.Engine.Environments;

namespace Sparring.Engine.Users;

/// <summary>Makes <see cref="LlmMockUser"/>s played by one chat model.</summary>
/// <param name="model">The model that plays users.</param>
/// <param name="temperature">Sampling temperature; some variety makes users less predictable.</param>
public sealed class LlmMockUserFactory(ChatModel model, float temperature = 0.7f) : IMockUserFactory
{
    /// <inheritdoc />
    public ModelIdentity Identity { get; } = new("llm", model.Identity.Name);

    /// <inheritdoc />
    public ModelPricing Pricing => model.Pricing;

    /// <inheritdoc />
    public IMockUser Create(ScenarioSpec scenario, long seed)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        return new LlmMockUser(model.Client, scenario.Persona, seed, temperature);
    }
}
