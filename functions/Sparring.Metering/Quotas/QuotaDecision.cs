using System.Globalization;
using Sparring.Abstractions.Metering;

namespace Sparring.Metering.Quotas;

/// <summary>Whether a run of <see cref="Needed"/> episodes fits in what is left of the tenant's monthly quota.</summary>
/// <param name="Tenant">The tenant.</param>
/// <param name="Allowance">The tenant's quota for the month and the episodes used.</param>
/// <param name="Needed">Episodes the run would run.</param>
public sealed record QuotaDecision(string Tenant, EpisodeAllowance Allowance, long Needed)
{
    /// <summary>True when the quota is unlimited or has at least <see cref="Needed"/> episodes left.</summary>
    public bool Allowed => Allowance.Left is not { } left || Needed <= left;

    /// <summary>Why the run is refused (the body of a 429), or null when it is allowed.</summary>
    public string? Message => Allowed
        ? null
        : string.Create(CultureInfo.InvariantCulture, $"tenant '{Tenant}' has {Allowance.Left:N0} of its {Allowance.Limit:N0} episodes left this month; this run needs {Needed:N0}");
}
