using Microsoft.Extensions.Logging;
using Sparring.Training.Tokenization;
using Sparring.Training.Checkpoints;
using Sparring.Training.Data;
using Sparring.Training.Sft;
using Sparring.Abstractions.TrainingJobs;

namespace Sparring.Training.Jobs;

/// <summary>
/// An sft job: next-token training on the assistant turns of the datasets' conversations, from the base checkpoint or
/// from scratch (a tokenizer trained on the data and a fresh model of the shape the hyperparameters give).
/// </summary>
internal static class SftJob
{
    private static readonly ModelShape DefaultShape = new(Layers: 3, Width: 128, Heads: 4, Context: 1024, Vocabulary: 1024, InitSeed: 1);

    public static async Task RunAsync(JobContext context, CancellationToken cancellationToken)
    {
        var job = context.Job;
        var hyperparameters = context.Hyperparameters;
        var defaults = new SftOptions();
        var options = new SftOptions
        {
            Epochs = hyperparameters.Int("epochs", defaults.Epochs),
            BatchSize = hyperparameters.Int("batchSize", defaults.BatchSize),
            LearningRate = hyperparameters.Double("learningRate", defaults.LearningRate),
            MinLearningRateFraction = hyperparameters.Double("minLearningRateFraction", defaults.MinLearningRateFraction),
            WarmupSteps = hyperparameters.Int("warmupSteps", defaults.WarmupSteps),
            WeightDecay = hyperparameters.Double("weightDecay", defaults.WeightDecay),
            MaxGradNorm = hyperparameters.Double("maxGradNorm", defaults.MaxGradNorm),
            Seed = hyperparameters.Int("seed", defaults.Seed),
        };
        var holdout = hyperparameters.Double("holdout", 0.1);
        var shape = ModelShape.Read(hyperparameters, job, DefaultShape);
        hyperparameters.EnsureNoneUnknown();
        JobChecks.Validate(options.Validate);
        JobChecks.Require(holdout is >= 0 and < 1, "hyperparameter 'holdout' must be in [0, 1)");

        var examples = await context.Datasets.ConversationsAsync(job, cancellationToken).ConfigureAwait(false);
        var partial = await context.FindPartialAsync(null, cancellationToken).ConfigureAwait(false);
        using var policy = partial is { Folder: var partialFolder }
            ? PolicyCheckpoint.Load(partialFolder, context.Device)
            : job.BaseCheckpoint is { } baseCheckpoint
                ? PolicyCheckpoint.Load(await context.DownloadAsync(baseCheckpoint, "baseCheckpoint", cancellationToken).ConfigureAwait(false), context.Device)
                : Fresh(shape!, examples, context);
        var startStep = (int)(partial?.Steps ?? 0);

        // A seeded share of the conversations (at least one when there are two or more) measures the loss on unseen text.
        var shuffled = examples.ToArray();
        new Random(options.Seed).Shuffle(shuffled);
        var held = holdout <= 0 || shuffled.Length < 2 ? 0 : Math.Clamp((int)Math.Round(shuffled.Length * holdout), 1, shuffled.Length - 1);
        var contextLength = policy.Config.Model.ContextLength;
        var train = shuffled.Skip(held).SelectMany(example => ConversationWindows.Of(policy.Template, example.Messages, policy.Config.Prompt, contextLength)).ToList();
        var validation = shuffled.Take(held).SelectMany(example => ConversationWindows.Of(policy.Template, example.Messages, policy.Config.Prompt, contextLength)).ToList();
        JobChecks.Require(train.Count > 0, "the datasets hold no assistant turn to train on");
        context.Logger.LogInformation(
            "Job {JobId}: SFT of {Shape} on {Conversations} conversations ({Windows} windows), {Held} held out, {Epochs} epochs",
            job.JobId, PolicyCheckpoint.Describe(policy.Config.Model), shuffled.Length - held, train.Count, held, options.Epochs);

        var trainer = new SftTrainer(policy.Model, options, context.Logging.CreateLogger<SftTrainer>());
        var steps = new StepLog<SftProgress>(context.Logger, job.JobId, "SFT", progress => (progress.Step, progress.TotalSteps, progress.Loss));
        SftResult result;
        try
        {
            result = await Task.Run(() => trainer.Train(train, validation, steps, startStep, cancellationToken), cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested && steps.LastStep > startStep)
        {
            var folder = Path.Combine(context.Folder, "partial");
            policy.Save(folder, Metadata(job, examples.Count) with { Steps = steps.LastStep, Complete = false });
            await context.SavePartialAsync(folder, steps.LastStep).ConfigureAwait(false);
            throw;
        }

        var metrics = new Dictionary<string, double> { ["loss/first_epoch"] = result.FirstEpochLoss, ["loss/last_epoch"] = result.LastEpochLoss };
        if (result.ValidationLoss is { } validationLoss)
        {
            metrics["loss/validation"] = validationLoss;
        }

        policy.Save(context.OutputFolder, Metadata(job, examples.Count) with { Steps = result.Steps, Tokens = result.Tokens, Metrics = metrics });
        context.Logger.LogInformation(
            "Job {JobId}: SFT done, {Steps} steps, loss {First:F4} → {Last:F4}, held out {Validation:F4}, {Seconds:F0} s",
            job.JobId, result.Steps, result.FirstEpochLoss, result.LastEpochLoss, result.ValidationLoss ?? double.NaN, result.Seconds);
    }

    private static PolicyCheckpoint Fresh(ModelShape shape, IReadOnlyList<ChatExample> examples, JobContext context)
    {
        var prompt = new PromptOptions();
        Tokenizer tokenizer;
        try
        {
            tokenizer = TokenizerTrainer.Train(examples.SelectMany(example => ChatTemplate.TextsOf(ConversationWindows.Visible(example.Messages, prompt))), shape.Vocabulary);
        }
        catch (ArgumentException ex)
        {
            throw new PermanentJobFailureException($"hyperparameter 'vocabulary': {ex.Message.Split(" (Parameter")[0]}", ex);
        }

        context.Logger.LogInformation("Job {JobId}: trained a tokenizer of {Tokens} tokens on the datasets", context.Job.JobId, tokenizer.VocabularySize);
        return PolicyCheckpoint.Create(shape.Config(tokenizer.VocabularySize), tokenizer, prompt, context.Device);
    }

    private static TrainingMetadata Metadata(TrainingJob job, int conversations) => new()
    {
        Kind = "sft",
        CreatedAt = DateTimeOffset.UtcNow,
        JobId = job.JobId,
        BaseCheckpoint = job.BaseCheckpoint?.ToString(),
        Data = [.. JobDatasets.Describe(job), $"{conversations} conversations"],
    };
}
