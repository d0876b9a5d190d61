using Microsoft.Extensions.Logging;
using Sparring.Training.Tokenization;
using Sparring.Training.Checkpoints;
using Sparring.Training.Rewards;
using Sparring.Abstractions.TrainingJobs;

namespace Sparring.Training.Jobs;

/// <summary>
/// A reward-model job: distils the judge's scores of one llm_rubric grader, read from the graded trajectories of the
/// datasets, into a reward model whose trunk starts from the base policy checkpoint or from scratch.
/// An interrupted attempt starts again from the beginning: a reward model trains in minutes.
/// </summary>
internal static class RewardModelJob
{
    private static readonly ModelShape DefaultShape = new(Layers: 2, Width: 64, Heads: 2, Context: 512, Vocabulary: 1024, InitSeed: 1);

    public static async Task RunAsync(JobContext context, CancellationToken cancellationToken)
    {
        var job = context.Job;
        var hyperparameters = context.Hyperparameters;
        var defaults = new RewardModelOptions();
        var options = new RewardModelOptions
        {
            Epochs = hyperparameters.Int("epochs", defaults.Epochs),
            BatchSize = hyperparameters.Int("batchSize", defaults.BatchSize),
            LearningRate = hyperparameters.Double("learningRate", defaults.LearningRate),
            MinLearningRateFraction = hyperparameters.Double("minLearningRateFraction", defaults.MinLearningRateFraction),
            WarmupSteps = hyperparameters.Int("warmupSteps", defaults.WarmupSteps),
            WeightDecay = hyperparameters.Double("weightDecay", defaults.WeightDecay),
            MaxGradNorm = hyperparameters.Double("maxGradNorm", defaults.MaxGradNorm),
            Holdout = hyperparameters.Double("holdout", defaults.Holdout),
            Seed = hyperparameters.Int("seed", defaults.Seed),
        };
        var grader = hyperparameters.String("grader");
        var shape = ModelShape.Read(hyperparameters, job, DefaultShape);
        hyperparameters.EnsureNoneUnknown();
        JobChecks.Validate(options.Validate);

        var trajectories = await context.Datasets.TrajectoriesAsync(job, cancellationToken).ConfigureAwait(false);
        RubricLabels labels;
        try
        {
            labels = GradedTrajectories.Labels(trajectories, string.Join(", ", JobDatasets.Describe(job)), grader);
        }
        catch (InvalidDataException ex)
        {
            throw new PermanentJobFailureException(ex.Message, ex);
        }

        var environment = labels.Environment;
        using var model = await CreateAsync(context, labels, shape, environment, cancellationToken).ConfigureAwait(false);
        context.Logger.LogInformation(
            "Job {JobId}: reward model for {Grader} ({Criteria}) on {Examples} judged trajectories ({Skipped} without scores left out), {Parameters:N0} parameters",
            job.JobId, labels.Grader, string.Join(", ", labels.Criteria), labels.Examples.Count, labels.Skipped, model.Config.Model.ParameterCount);

        var trainer = new RewardModelTrainer(model, options, context.Logging.CreateLogger<RewardModelTrainer>());
        var steps = new StepLog<RewardModelProgress>(context.Logger, job.JobId, "reward model", progress => (progress.Step, progress.TotalSteps, progress.Loss));
        RewardModelReport report;
        try
        {
            report = await Task.Run(() => trainer.Train(labels.Examples, steps, cancellationToken), cancellationToken).ConfigureAwait(false);
        }
        catch (ArgumentException ex)
        {
            throw new PermanentJobFailureException(ex.Message.Split(" (Parameter")[0], ex);
        }

        var metrics = new Dictionary<string, double> { ["loss/train"] = report.LastEpochLoss };
        if (report.HeldOutLoss is { } heldOut)
        {
            metrics["loss/heldout"] = heldOut;
        }

        foreach (var agreement in report.Criteria.Append(report.Overall))
        {
            foreach (var (name, value) in new[] { ("pearson", agreement.Pearson), ("spearman", agreement.Spearman), ("mae", agreement.MeanAbsoluteError) })
            {
                if (value is { } v)
                {
                    metrics[$"{agreement.Criterion}/{name}"] = v;
                }
            }
        }

        model.Save(context.OutputFolder, new TrainingMetadata
        {
            Kind = "reward-model",
            CreatedAt = DateTimeOffset.UtcNow,
            JobId = job.JobId,
            BaseCheckpoint = job.BaseCheckpoint?.ToString(),
            Steps = report.Steps,
            Data = JobDatasets.Describe(job),
            Metrics = metrics,
        }, report);
        context.Logger.LogInformation("Job {JobId}: reward model done, {Steps} steps, held-out loss {Loss:F4}", job.JobId, report.Steps, report.HeldOutLoss ?? double.NaN);
    }

    private static async Task<RewardModel> CreateAsync(JobContext context, RubricLabels labels, ModelShape? shape, string? environment, CancellationToken cancellationToken)
    {
        if (context.Job.BaseCheckpoint is { } baseCheckpoint)
        {
            using var policy = PolicyCheckpoint.Load(await context.DownloadAsync(baseCheckpoint, "baseCheckpoint", cancellationToken).ConfigureAwait(false));
            return RewardModel.FromPolicy(policy, labels.Grader, labels.Criteria, labels.Judge, environment, context.Device);
        }

        Tokenizer tokenizer;
        try
        {
            tokenizer = TokenizerTrainer.Train(labels.Examples.SelectMany(example => ChatTemplate.TextsOf(example.Messages)), shape!.Vocabulary);
        }
        catch (ArgumentException ex)
        {
            throw new PermanentJobFailureException($"hyperparameter 'vocabulary': {ex.Message.Split(" (Parameter")[0]}", ex);
        }

        return RewardModel.Create(shape.Config(tokenizer.VocabularySize), tokenizer, labels.Grader, labels.Criteria, judge: labels.Judge, environment: environment, device: context.Device);
    }
}
