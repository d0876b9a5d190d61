using Microsoft.DurableTask;
using Sparring.Abstractions.Metering;
using Sparring.Orchestration.Contracts;
using Sparring.Orchestration.Services;

namespace Sparring.Orchestration.Activities;

/// <summary>
/// Reads the tenant's episode quota and the episodes used this month, for the run orchestrator to check before each
/// batch: an orchestrator may not read storage itself, and an activity's result replays the same. Transient faults are
/// rethrown for Durable to retry.
/// </summary>
public sealed class EpisodeAllowanceActivity(IUsageMeter meter) : TaskActivity<EpisodeAllowanceRequest, EpisodeAllowance>
{
    /// <inheritdoc />
    public override async Task<EpisodeAllowance> RunAsync(TaskActivityContext context, EpisodeAllowanceRequest input)
    {
        ArgumentNullException.ThrowIfNull(input);
        try
        {
            return await meter.AllowanceAsync(input.Tenant, input.At, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not TransientFaultException && TransientFaults.IsTransient(ex))
        {
            throw new TransientFaultException($"The episode quota of tenant {input.Tenant} could not be read: {ex.Message}", ex);
        }
    }
}
