using Sparring.Abstractions.Metering;

namespace Sparring.Orchestration.Scheduling;

/// <summary>Whether a tenant's monthly episode allowance admits a batch, and how much of it: pure arithmetic over one reading.</summary>
public static class QuotaAdmission
{
    /// <summary>
    /// Whether the allowance leaves fewer than <paramref name="needed"/> episodes; never when unlimited. Episodes in
    /// flight count as used, since they may not be in the ledger yet.
    /// </summary>
    /// <param name="allowance">The allowance as last read.</param>
    /// <param name="inFlight">The run's episodes scheduled and not yet finished.</param>
    /// <param name="needed">The episodes of the batch about to start.</param>
    public static bool IsShort(EpisodeAllowance allowance, int inFlight, int needed)
    {
        ArgumentNullException.ThrowIfNull(allowance);
        return allowance.Left is { } left && left - inFlight < needed;
    }

    /// <summary>How many of <paramref name="needed"/> episodes the allowance admits: all of them when unlimited.</summary>
    /// <param name="allowance">The allowance, read with nothing of the run in flight.</param>
    /// <param name="needed">The episodes of the batch about to start.</param>
    public static int Admitted(EpisodeAllowance allowance, int needed)
    {
        ArgumentNullException.ThrowIfNull(allowance);
        return allowance.Left is { } left ? (int)Math.Min(needed, left) : needed;
    }
}
