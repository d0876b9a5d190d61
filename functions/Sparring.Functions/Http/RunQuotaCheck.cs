using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Logging;
using Sparring.Engine.Runs;
using Sparring.Metering.Quotas;
using Sparring.Orchestration.Contracts;
using Sparring.Orchestration.Services;

namespace Sparring.Functions.Http;

/// <summary>
/// The quota check when a run starts, for the functions that start runs (<c>POST /api/runs</c>, the webhook): counts the
/// run's planned episodes and refuses the run with a 429 when they would take the tenant past its monthly quota. The
/// orchestrator checks again before each batch, so a run that passes here still stops at the quota.
/// </summary>
public sealed class RunQuotaCheck(EnvironmentCatalog environments, EpisodeQuota quota, TimeProvider timeProvider, ILogger<RunQuotaCheck> logger)
{
    /// <summary>The decision for <paramref name="run"/>: allowed, or not with the message a 429 carries.</summary>
    public async Task<QuotaDecision> CheckAsync(EvaluationRunRequest run, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(run);
        var allowance = await quota.AllowanceAsync(run.Tenant, timeProvider.GetUtcNow(), cancellationToken).ConfigureAwait(false);
        if (allowance.Left is null)
        {
            // No monthly limit: nothing to count, so the environment is not loaded here.
            return new QuotaDecision(run.Tenant, allowance, 0);
        }

        var environment = await environments.GetAsync(run.Tenant, run.Environment, cancellationToken).ConfigureAwait(false);
        var planned = EvaluationPlan.Create(environment, run.RunId, run.EpisodesPerScenario, run.Seed, run.Split, run.Scenarios?.ToList()).Count;
        var decision = await quota.CheckRunAsync(run.Tenant, planned, timeProvider.GetUtcNow(), cancellationToken).ConfigureAwait(false);
        if (!decision.Allowed)
        {
            logger.LogInformation("Refused run {RunId}: {Message}", run.RunId, decision.Message);
        }

        return decision;
    }

    /// <summary>Null when <paramref name="run"/> fits in the tenant's quota, else the 429 problem to answer with.</summary>
    public async Task<IActionResult?> RejectAsync(EvaluationRunRequest run, CancellationToken cancellationToken)
    {
        var decision = await CheckAsync(run, cancellationToken).ConfigureAwait(false);
        return decision.Allowed ? null : UsageProblems.QuotaExceeded(decision);
    }
}
