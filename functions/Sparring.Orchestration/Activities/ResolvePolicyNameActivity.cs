using Microsoft.DurableTask;
using Sparring.Orchestration.Contracts;
using Sparring.Orchestration.Services;

namespace Sparring.Orchestration.Activities;

/// <summary>The policy name runs use for a stored checkpoint (a trained candidate).</summary>
public sealed class ResolvePolicyNameActivity(NightlyServices services) : TaskActivity<PolicyNameRequest, string>
{
    /// <inheritdoc />
    public override Task<string> RunAsync(TaskActivityContext context, PolicyNameRequest input)
    {
        ArgumentNullException.ThrowIfNull(input);
        return services.Policies.PolicyNameAsync(input.Tenant, input.Model, CancellationToken.None);
    }
}
