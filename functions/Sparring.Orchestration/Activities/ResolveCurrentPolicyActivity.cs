using Microsoft.DurableTask;
using Sparring.Orchestration.Contracts;
using Sparring.Orchestration.Services;

namespace Sparring.Orchestration.Activities;

/// <summary>The model's current checkpoint and the policy name runs use for it.</summary>
public sealed class ResolveCurrentPolicyActivity(NightlyServices services) : TaskActivity<CurrentPolicyRequest, CurrentPolicy>
{
    /// <inheritdoc />
    public override async Task<CurrentPolicy> RunAsync(TaskActivityContext context, CurrentPolicyRequest input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var current = await services.Checkpoints.GetCurrentAsync(input.Tenant, input.Model, CancellationToken.None).ConfigureAwait(false);
        return current is null
            ? new CurrentPolicy(null, null)
            : new CurrentPolicy(current, await services.Policies.PolicyNameAsync(input.Tenant, current, CancellationToken.None).ConfigureAwait(false));
    }
}
