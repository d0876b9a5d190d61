namespace Sparring.Metering.Pricing;

/// <summary>A model's price in US dollars per million tokens.</summary>
/// <param name="InputPerMillion">Per million prompt tokens.</param>
/// <param name="OutputPerMillion">Per million completion tokens.</param>
public sealed record ModelPrice(decimal InputPerMillion, decimal OutputPerMillion);
