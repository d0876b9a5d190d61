using Microsoft.DurableTask;
using Sparring.Orchestration.Contracts;
using Sparring.Orchestration.Services;

namespace Sparring.Orchestration.Activities;

/// <summary>Moves the model's <c>current</c> pointer to the promoted candidate (setting it twice is harmless).</summary>
public sealed class PromoteActivity(NightlyServices services) : TaskActivity<PromoteRequest, string>
{
    /// <inheritdoc />
    public override async Task<string> RunAsync(TaskActivityContext context, PromoteRequest input)
    {
        ArgumentNullException.ThrowIfNull(input);
        await services.Checkpoints.SetCurrentAsync(input.Tenant, input.Candidate, CancellationToken.None).ConfigureAwait(false);
        return input.Candidate.ToString();
    }
}
