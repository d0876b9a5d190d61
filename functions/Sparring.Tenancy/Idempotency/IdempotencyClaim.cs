namespace Sparring.Tenancy.Idempotency;

/// <summary>What an idempotency key stands for after a claim.</summary>
/// <param name="RunId">The run the key is bound to: the caller's new one when <see cref="IsNew"/>, else the first delivery's.</param>
/// <param name="IsNew">True when this call bound the key; false when an earlier delivery had.</param>
/// <param name="BodyMatches">False when the key was bound to a different body (a client mistake: 422).</param>
public sealed record IdempotencyClaim(string RunId, bool IsNew, bool BodyMatches);
