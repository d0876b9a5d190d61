namespace Sparring.Tenancy.RateLimits;

/// <summary>Whether a request may go ahead, and if not, when to try again.</summary>
/// <param name="Allowed">True when a token was taken.</param>
/// <param name="RetryAfter">When refused: how long until a token is back.</param>
public sealed record RateLimitDecision(bool Allowed, TimeSpan RetryAfter)
{
    /// <summary>A request that may go ahead.</summary>
    public static RateLimitDecision Allow { get; } = new(true, TimeSpan.Zero);
}
