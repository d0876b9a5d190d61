using Sparring.Abstractions.Trajectories;

namespace Sparring.Engine.Chat;

/// <summary>Price of a model in US dollars per million input and output tokens.</summary>
public sealed record ModelPricing(decimal InputPerMillion, decimal OutputPerMillion)
{
    /// <summary>A model that costs nothing (rule-based policies, scripted users, local models).</summary>
    public static ModelPricing Free { get; } = new(0, 0);

    /// <summary>The cost of <paramref name="tokens"/>.</summary>
    public decimal CostOf(TokenCount tokens)
    {
        ArgumentNullException.ThrowIfNull(tokens);
        return (tokens.Input * InputPerMillion + tokens.Output * OutputPerMillion) / 1_000_000m;
    }
}
