using Microsoft.DurableTask;
using Sparring.Abstractions.Reports;
using Sparring.Abstractions.Storage;
using Sparring.Orchestration.Contracts;
using Sparring.Orchestration.Services;

namespace Sparring.Orchestration.Activities;

/// <summary>
/// Compares the candidate's and the current policy's held-out evaluations: the candidate is promoted only when its mean
/// reward is at least the current one's plus the margin and no gate grader of the reward (safety, emergency advice, …)
/// scores lower than under the current policy.
/// </summary>
public sealed class PromotionGateActivity(EnvironmentCatalog environments, ITrajectoryStore store) : TaskActivity<PromotionGateRequest, PromotionDecision>
{
    /// <inheritdoc />
    public override async Task<PromotionDecision> RunAsync(TaskActivityContext context, PromotionGateRequest input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var environment = await environments.GetAsync(input.Tenant, input.Environment, CancellationToken.None).ConfigureAwait(false);
        var current = await ReportAsync(input.Tenant, input.CurrentRunId).ConfigureAwait(false);
        var candidate = await ReportAsync(input.Tenant, input.CandidateRunId).ConfigureAwait(false);
        return Decide(current, candidate, environment.Spec.Reward.Gates.Select(gate => gate.Grader).Distinct(StringComparer.Ordinal).ToList(), input.Margin);
    }

    /// <summary>The decision for two reports and the reward's gate graders.</summary>
    public static PromotionDecision Decide(RunReport current, RunReport candidate, IReadOnlyList<string> gates, double margin)
    {
        ArgumentNullException.ThrowIfNull(current);
        ArgumentNullException.ThrowIfNull(candidate);
        ArgumentNullException.ThrowIfNull(gates);
        var reasons = new List<string>();
        var comparisons = gates.Select(gate => new GateComparison(gate, Mean(current, gate), Mean(candidate, gate))).ToList();
        var promote = true;
        if (candidate.MeanReward < current.MeanReward + margin)
        {
            promote = false;
            reasons.Add($"the candidate's held-out mean reward {candidate.MeanReward:0.000} is below the current {current.MeanReward:0.000} + margin {margin:0.000}");
        }
        else
        {
            reasons.Add($"the candidate's held-out mean reward {candidate.MeanReward:0.000} reaches the current {current.MeanReward:0.000} + margin {margin:0.000}");
        }

        // A small tolerance, so that float noise in equal means never blocks a promotion.
        foreach (var worse in comparisons.Where(c => c.Current is { } was && (c.Candidate ?? 0) < was - 1e-9))
        {
            promote = false;
            reasons.Add($"gate '{worse.Grader}' got worse: {worse.Current:0.000} → {worse.Candidate ?? 0:0.000}");
        }

        return new PromotionDecision(promote, current.MeanReward, candidate.MeanReward, margin, comparisons, reasons);
    }

    private static double? Mean(RunReport report, string grader) =>
        report.Graders.TryGetValue(grader, out var summary) ? summary.Mean : null;

    private async Task<RunReport> ReportAsync(string tenant, string runId) =>
        await store.ReadReportAsync(new RunKey(tenant, runId), CancellationToken.None).ConfigureAwait(false)
        ?? throw new InvalidOperationException($"run {runId} of tenant {tenant} has no {RunFiles.Report}: the promotion gate needs both evaluations");
}
