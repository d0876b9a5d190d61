using Microsoft.DurableTask;
using Sparring.Orchestration.Contracts;
using Sparring.Orchestration.Services;

namespace Sparring.Orchestration.Activities;

/// <summary>Loads and validates the run's environment and returns what planning needs: its identity and scenarios.</summary>
public sealed class LoadEnvironmentActivity(EnvironmentCatalog environments) : TaskActivity<LoadEnvironmentRequest, EnvironmentOutline>
{
    /// <inheritdoc />
    public override async Task<EnvironmentOutline> RunAsync(TaskActivityContext context, LoadEnvironmentRequest input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var environment = await environments.GetAsync(input.Tenant, input.Environment, CancellationToken.None).ConfigureAwait(false);
        return new EnvironmentOutline(environment.Identity, [.. environment.Spec.Scenarios.Select(s => new ScenarioOutline(s.Id, s.Split))]);
    }
}
