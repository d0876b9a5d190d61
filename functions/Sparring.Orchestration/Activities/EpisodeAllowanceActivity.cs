using Microsoft.DurableTask;
using Sparring.Abstractions.Metering;
using Sparring.Orchestration.Contracts;

namespace Sparring.Orchestration.Activities;

/// <summary>
/// Reads the tenant's episode quota and the episodes used this month, for the run orchestrator to check before each
/// batch: an orchestrator may not read storage itself, and an activity's result replays the same.
/// </summary>
public sealed class EpisodeAllowanceActivity(IUsageMeter meter) : TaskActivity<EpisodeAllowanceRequest, EpisodeAllowance>
{
    /// <inheritdoc />
    public override Task<EpisodeAllowance> RunAsync(TaskActivityContext context, EpisodeAllowanceRequest input)
    {
        ArgumentNullException.ThrowIfNull(input);
        return meter.AllowanceAsync(input.Tenant, input.At, CancellationToken.None);
    }
}
