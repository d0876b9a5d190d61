namespace Sparring.Metering.Usage;

/// <summary>One participant's part of an episode's usage: policy, mock user or judge.</summary>
/// <param name="Model">The model's name (empty when the participant took no part, as a judge that did not grade).</param>
/// <param name="InputTokens">Prompt tokens.</param>
/// <param name="OutputTokens">Completion tokens.</param>
/// <param name="CostUsd">Estimated cost in US dollars.</param>
/// <param name="CostBasis">Where <paramref name="CostUsd"/> came from.</param>
public sealed record ParticipantUsage(string Model, long InputTokens, long OutputTokens, decimal CostUsd, CostBasis CostBasis)
{
    /// <summary>A participant that took no part.</summary>
    public static ParticipantUsage Absent { get; } = new(string.Empty, 0, 0, 0, CostBasis.None);
}
