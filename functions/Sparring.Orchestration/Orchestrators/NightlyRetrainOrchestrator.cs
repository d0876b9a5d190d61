using Microsoft.DurableTask;
using Microsoft.Extensions.Logging;
using Sparring.Abstractions.Storage;
using Sparring.Orchestration.Activities;
using Sparring.Orchestration.Contracts;
using Sparring.Abstractions.TrainingJobs;

namespace Sparring.Orchestration.Orchestrators;

/// <summary>
/// Nightly retraining: new transcripts → ingest (parse, redact, derive scenarios, ground mock users) → an evaluation
/// run of the current policy on them, and the grounded users' fidelity to the real customers → its best episodes (rejection sampling) → an SFT job on the workers → wait for
/// TrainingCompleted, failing safe on a timeout → the candidate and the current policy on held-out scenarios →
/// promotion gate → move the <c>current</c> pointer → report, then the watermark. Every step is idempotent (runs, the
/// job and the checkpoint are named after the nightly id), so restarting a crashed nightly run finishes it.
/// </summary>
public sealed class NightlyRetrainOrchestrator : TaskOrchestrator<NightlyRetrainRequest, NightlyReport>
{
    /// <inheritdoc />
    public override async Task<NightlyReport> RunAsync(TaskOrchestrationContext context, NightlyRetrainRequest input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        var logger = context.CreateReplaySafeLogger<NightlyRetrainOrchestrator>();
        var report = new NightlyReport { NightlyId = input.NightlyId, Tenant = input.Tenant, Now = input.Now, Outcome = "running", Summary = "" };

        context.SetCustomStatus("listing transcripts");
        var found = await context.CallActivityAsync<NewTranscripts>(nameof(ListNewTranscriptsActivity), new NewTranscriptsRequest(input.Tenant, input.Now), EpisodeRetry.Options).ConfigureAwait(true);
        report = report with { Transcripts = found.Paths };
        if (found.Paths.Count == 0)
        {
            var since = found.Watermark is { } day ? $"after {day:yyyy-MM-dd}" : "yet";
            return await CompleteAsync(context, input, report with { Outcome = "nothing_new", Summary = $"No transcripts were dropped {since} (up to {found.NewWatermark:yyyy-MM-dd}); the current policy stays." }, found.NewWatermark).ConfigureAwait(true);
        }

        context.SetCustomStatus($"ingesting {found.Paths.Count} transcript files");
        var ingestion = await context.CallActivityAsync<TranscriptIngestionResult>(
            nameof(IngestTranscriptsActivity), new TranscriptIngestionRequest(input.Tenant, input.NightlyId, input.Environment, found.Paths), EpisodeRetry.Options).ConfigureAwait(true);
        report = report with { Ingestion = ingestion };

        var current = await context.CallActivityAsync<CurrentPolicy>(nameof(ResolveCurrentPolicyActivity), new CurrentPolicyRequest(input.Tenant, input.PolicyModel), EpisodeRetry.Options).ConfigureAwait(true);
        if (current is not { Model: { } currentModel, PolicyName: { } currentName })
        {
            // The days stay unprocessed: once a policy exists, the next nightly run takes them.
            return await CompleteAsync(context, input, report with { Outcome = "no_current_policy", Summary = $"Model '{input.PolicyModel}' has no current version to improve: train one first (sparring train, or a training job) and set it current." }, null).ConfigureAwait(true);
        }

        report = report with { Current = currentModel };
        context.SetCustomStatus($"evaluating {currentModel} on the transcripts' scenarios");
        var dataRunId = $"{input.NightlyId}-data";
        var data = await RunAsync(context, input, dataRunId, ingestion, currentName, "train", input.Seed).ConfigureAwait(true);
        report = report with { DataRunId = dataRunId, TrainingExamples = data.Dataset.Examples };
        if (ingestion.Environment.Grounding is { } grounding)
        {
            var fidelity = await context.CallActivityAsync<double?>(
                nameof(MeasureFidelityActivity), new FidelityRequest(input.Tenant, input.NightlyId, grounding, dataRunId, ingestion.User), EpisodeRetry.Options).ConfigureAwait(true);
            report = report with { Ingestion = ingestion with { Fidelity = fidelity } };
        }

        if (data.Dataset.Examples == 0)
        {
            return await CompleteAsync(context, input, report with { Outcome = "no_training_data", Summary = $"None of the {data.Episodes} episodes of {currentModel} reached reward {data.Dataset.MinReward:0.###}: nothing to train on; the current policy stays." }, found.NewWatermark).ConfigureAwait(true);
        }

        var candidate = new ModelReference(input.PolicyModel, input.NightlyId);
        var job = new TrainingJob
        {
            JobId = $"{input.Tenant}-{input.NightlyId}-sft",
            Tenant = input.Tenant,
            Kind = TrainingKind.Sft,
            Environment = ingestion.Environment,
            BaseCheckpoint = currentModel,
            Output = candidate,
            Datasets = [new DatasetReference(RunId: dataRunId)],
            Hyperparameters = input.TrainingHyperparameters,
        };
        report = report with { TrainingJobId = job.JobId };
        context.SetCustomStatus($"training {candidate} on {data.Dataset.Examples} conversations");
        await context.CallActivityAsync<string>(nameof(SubmitTrainingJobActivity), new TrainingSubmission(job, context.InstanceId), EpisodeRetry.Options).ConfigureAwait(true);

        using var timerCancellation = new CancellationTokenSource();
        var deadline = context.CreateTimer(context.CurrentUtcDateTime.Add(input.TrainingTimeout), timerCancellation.Token);
        var completion = context.WaitForExternalEvent<TrainingJobCompletedEvent>(TrainingJobCompletedEvent.EventName);
        if (await Task.WhenAny(completion, deadline).ConfigureAwait(true) != completion)
        {
            return await CompleteAsync(context, input, report with { Outcome = "training_timed_out", Summary = $"Job {job.JobId} did not finish within {input.TrainingTimeout}; the current policy stays and the next nightly run takes these transcripts again." }, null).ConfigureAwait(true);
        }

        // Synchronous on purpose: CancelAsync would resume the orchestrator on a pool thread, off the replay's thread.
#pragma warning disable CA1849
        timerCancellation.Cancel();
#pragma warning restore CA1849
        var trained = await completion.ConfigureAwait(true);
        if (trained.Status != TrainingJobStatus.Succeeded)
        {
            return await CompleteAsync(context, input, report with { Outcome = "training_failed", TrainingError = trained.Error, Summary = $"Job {job.JobId} failed: {trained.Error}; the current policy stays." }, null).ConfigureAwait(true);
        }

        candidate = trained.Checkpoint ?? candidate;
        report = report with { Candidate = candidate };
        var candidateName = await context.CallActivityAsync<string>(nameof(ResolvePolicyNameActivity), new PolicyNameRequest(input.Tenant, candidate), EpisodeRetry.Options).ConfigureAwait(true);

        context.SetCustomStatus($"evaluating {candidate} against {currentModel} on held-out scenarios");
        // The same seed for both: the two policies meet the same users in the same scenarios.
        var gateSeed = input.Seed + 1;
        var currentRunId = $"{input.NightlyId}-gate-current";
        var candidateRunId = $"{input.NightlyId}-gate-candidate";
        await Task.WhenAll(
            RunAsync(context, input, currentRunId, ingestion, currentName, "test", gateSeed),
            RunAsync(context, input, candidateRunId, ingestion, candidateName, "test", gateSeed)).ConfigureAwait(true);
        var decision = await context.CallActivityAsync<PromotionDecision>(
            nameof(PromotionGateActivity), new PromotionGateRequest(input.Tenant, ingestion.Environment, currentRunId, candidateRunId, input.PromotionMargin), EpisodeRetry.Options).ConfigureAwait(true);
        report = report with { Gate = decision };
        if (decision.Promote)
        {
            await context.CallActivityAsync<string>(nameof(PromoteActivity), new PromoteRequest(input.Tenant, candidate), EpisodeRetry.Options).ConfigureAwait(true);
            logger.LogInformation("Nightly {NightlyId} of {Tenant}: promoted {Candidate} over {Current}", input.NightlyId, input.Tenant, candidate, currentModel);
            return await CompleteAsync(context, input, report with { Outcome = "promoted", Summary = $"{candidate} is now current: held-out mean reward {decision.CandidateMeanReward:0.000} against {decision.CurrentMeanReward:0.000}." }, found.NewWatermark).ConfigureAwait(true);
        }

        return await CompleteAsync(context, input, report with { Outcome = "kept", Summary = $"{currentModel} stays current: {string.Join("; ", decision.Reasons)}." }, found.NewWatermark).ConfigureAwait(true);
    }

    private static Task<EvaluationRunResult> RunAsync(TaskOrchestrationContext context, NightlyRetrainRequest input, string runId, TranscriptIngestionResult ingestion, string policy, string split, long seed) =>
        context.CallSubOrchestratorAsync<EvaluationRunResult>(
            nameof(EvaluationRunOrchestrator),
            new EvaluationRunRequest
            {
                RunId = runId,
                Tenant = input.Tenant,
                Environment = ingestion.Environment,
                Models = new ModelSelection(policy, ingestion.User, input.Judge),
                Split = split,
                EpisodesPerScenario = input.EpisodesPerScenario,
                Seed = seed,
                Concurrency = input.Concurrency,
                Sampling = input.Sampling,
            },
            new SubOrchestrationOptions { InstanceId = runId });

    private static async Task<NightlyReport> CompleteAsync(TaskOrchestrationContext context, NightlyRetrainRequest input, NightlyReport report, DateOnly? watermark)
    {
        context.SetCustomStatus(report.Outcome);
        await context.CallActivityAsync<string>(nameof(CompleteNightlyActivity), new NightlyCompletion(report, watermark), EpisodeRetry.Options).ConfigureAwait(true);
        if (input.Callback is { } callback)
        {
            var notice = new RunCompletionNotice(
                input.Tenant, input.NightlyId, report.Outcome, report.Gate?.CandidateMeanReward, 0, 0, CallbackRetry.CompletedAt(context), callback.RunUrl, CallbackRetry.MaxAttempts,
                RunCompletionNotice.NightlyCompleted, report.Summary);
            await CallbackRetry.NotifyAsync(context, notice, context.CreateReplaySafeLogger<NightlyRetrainOrchestrator>()).ConfigureAwait(true);
        }

        return report;
    }
}
