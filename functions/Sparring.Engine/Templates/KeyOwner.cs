namespace Sparring.Engine.Templates;

/// <summary>Who has a key value, in the words a leakage message uses ("train instance 'refund.train.3'").</summary>
/// <param name="Value">The key value.</param>
/// <param name="Description">The owner in words.</param>
internal sealed record KeyOwner(string Value, string Description);
