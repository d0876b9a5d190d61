using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Sparring.Abstractions.Trajectories;
using Sparring.Engine.Chat;
using Sparring.Engine.Episodes;
using Sparring.Engine.Grading;
using Sparring.Engine.Runs;
using Sparring.Engine.Users;
using Sparring.Training.Tokenization;
using Sparring.Training.Chat;
using Sparring.Training.Checkpoints;
using Sparring.Training.Generation;
using Sparring.Training.Ppo;
using Sparring.Training.Rewards;
using Sparring.Training.Rl;
using Sparring.Abstractions.TrainingJobs;

namespace Sparring.Training.Jobs;

/// <summary>
/// A ppo job, the worker's RL job: iterations of rollouts and updates by the algorithm its <c>algorithm</c>
/// hyperparameter names (ppo, the kind's own, unless it says grpo or rloo), through the same trainers as
/// <c>sparring train</c>. Each rollout plays real episodes of the job's environment in this process (scripted users,
/// the policy being trained generating through one batcher, the environment's graders with an optional reward model
/// for llm_rubric graders); the episodes' rewards are the scores, against the base checkpoint kept frozen as the
/// reference. metrics.jsonl (TRL's names) goes into the checkpoint.
/// </summary>
internal static class PpoJob
{
    /// <summary>The metrics file in a PPO checkpoint.</summary>
    public const string MetricsFile = "metrics.jsonl";

    public static async Task RunAsync(JobContext context, CancellationToken cancellationToken)
    {
        var job = context.Job;
        var hyperparameters = context.Hyperparameters;
        var algorithm = Algorithm(hyperparameters.String("algorithm", RlAlgorithms.Name(RlAlgorithm.Ppo))!);
        var name = RlAlgorithms.Name(algorithm);
        var ppo = algorithm == RlAlgorithm.Ppo ? PpoOptionsOf(hyperparameters) : new PpoOptions();
        var groupRelative = algorithm == RlAlgorithm.Ppo ? new GroupRelativeOptions() : GroupRelativeOptionsOf(hyperparameters, algorithm);
        var seed = algorithm == RlAlgorithm.Ppo ? ppo.Seed : groupRelative.Seed;
        var iterations = hyperparameters.Int("iterations", 10);
        var episodesPerScenario = hyperparameters.Int("episodesPerScenario", 4);
        var split = hyperparameters.String("split", "train");
        var concurrency = hyperparameters.Int("concurrency", 16);
        var sampling = new PolicySampling(
            (float)hyperparameters.Double("temperature", 1.0),
            (float)hyperparameters.Double("topP", 1.0),
            hyperparameters.Int("maxNewTokens", new PolicySampling().MaxNewTokens));
        var rewardModel = hyperparameters.String("rewardModel");
        hyperparameters.EnsureNoneUnknown();
        JobChecks.Validate(algorithm == RlAlgorithm.Ppo ? ppo.Validate : groupRelative.Validate);
        JobChecks.Require(iterations >= 1, "hyperparameter 'iterations' must be at least 1");
        JobChecks.Require(episodesPerScenario >= 1, "hyperparameter 'episodesPerScenario' must be at least 1");
        JobChecks.Require(concurrency >= 1, "hyperparameter 'concurrency' must be at least 1");
        JobChecks.Require(split is "train" or "test" or "all", "hyperparameter 'split' must be train, test or all");
        JobChecks.Require(sampling.Temperature > 0, "hyperparameter 'temperature' must be positive");
        JobChecks.Require(sampling.TopP is > 0 and <= 1, "hyperparameter 'topP' must be in (0, 1]");
        JobChecks.Require(sampling.MaxNewTokens >= 1, "hyperparameter 'maxNewTokens' must be at least 1");
        var baseCheckpoint = job.BaseCheckpoint ?? throw new PermanentJobFailureException("a ppo job needs a baseCheckpoint: the policy it improves, also kept frozen as the KL reference");

        var baseFolder = await context.DownloadAsync(baseCheckpoint, "baseCheckpoint", cancellationToken).ConfigureAwait(false);
        var environment = await context.LoadEnvironmentAsync(cancellationToken).ConfigureAwait(false);
        using var scorer = rewardModel is null ? null : await LoadScorerAsync(context, rewardModel, cancellationToken).ConfigureAwait(false);
        var partial = await context.FindPartialAsync(name, cancellationToken).ConfigureAwait(false);
        using var reference = PolicyCheckpoint.Load(baseFolder, context.Device);
        using var policy = PolicyCheckpoint.Load(partial?.Folder ?? baseFolder, context.Device, reference.Config.Model);
        var done = (int)(partial?.Steps ?? 0);
        Directory.CreateDirectory(context.OutputFolder);
        var metricsPath = Path.Combine(context.OutputFolder, MetricsFile);
        if (partial is { Folder: var partialFolder } && File.Exists(Path.Combine(partialFolder, MetricsFile)))
        {
            File.Copy(Path.Combine(partialFolder, MetricsFile), metricsPath, overwrite: true);
        }

        var log = new MetricsLog(metricsPath);
        await using var batcher = new GenerationBatcher(
            new SequenceGenerator(policy.Model, ChatTemplate.IsStopToken), context.Options.MaxGenerationBatch, TimeSpan.FromMilliseconds(2), context.Logging.CreateLogger<GenerationBatcher>());
        var client = new PolicyChatClient(policy, batcher, job.Output.ToString(), sampling);
        var policyModel = new ChatModel(client, new ModelIdentity("sparring", $"{job.Output} ({name} of {baseCheckpoint})"), ModelPricing.Free);
        var episodes = new EpisodeRunner(
            environment, policyModel, new ScriptedMockUserFactory(), new EpisodeGrader(environment.Spec, null, scorer), TimeProvider.System, context.Logging.CreateLogger<EpisodeRunner>());
        var runner = new EvaluationRunner(episodes, context.Logging.CreateLogger<EvaluationRunner>());
        using var trainer = RlTrainers.Create(algorithm, policy.Model, reference.Model, ppo, groupRelative, sampling.Temperature, context.Logging);
        var label = RlAlgorithms.Label(algorithm);
        context.Logger.LogInformation(
            "Job {JobId}: {Algorithm} of {Base} on {Environment}, iterations {First}-{Iterations}, {Episodes} episodes per {Split} scenario",
            job.JobId, label, baseCheckpoint, environment.Spec.Name, done + 1, iterations, episodesPerScenario, split);

        IReadOnlyDictionary<string, double> last = new Dictionary<string, double>();
        try
        {
            for (var iteration = done + 1; iteration <= iterations; iteration++)
            {
                var watch = Stopwatch.StartNew();
                var runId = $"{job.JobId}-{name}-{iteration}";
                var plan = EvaluationPlan.Create(environment, runId, episodesPerScenario, seed + iteration, split == "all" ? null : split);
                var collected = new CollectedTrajectories();
                var report = await runner.RunAsync(runId, environment, plan, concurrency, collected, null, cancellationToken).ConfigureAwait(false);
                var batch = Episodes(collected.Trajectories, policy, sampling.MaxNewTokens);
                if (batch.Count == 0)
                {
                    throw new InvalidOperationException($"{label} iteration {iteration}: in none of the {plan.Count} episodes did the policy write anything");
                }

                var rollout = watch.Elapsed.TotalSeconds;
                var metrics = new Dictionary<string, double>(await Task.Run(() => trainer.Step(batch, cancellationToken), cancellationToken).ConfigureAwait(false), StringComparer.Ordinal)
                {
                    ["env/mean_reward"] = report.MeanReward,
                    ["env/success_rate"] = report.SuccessRate,
                    ["env/containment_rate"] = report.ContainmentRate,
                    ["time/rollout_seconds"] = rollout,
                };
                await log.AppendAsync(iteration, metrics, cancellationToken).ConfigureAwait(false);
                done = iteration;
                last = metrics;
                context.Logger.LogInformation(
                    "Job {JobId}: {Algorithm} iteration {Iteration}/{Iterations}: mean reward {Reward:F3}, kl {Kl:F3}, entropy {Entropy:F1}, rollout {Rollout:F1} s, update {Update:F1} s",
                    job.JobId, label, iteration, iterations, report.MeanReward, metrics["objective/kl"], metrics["objective/entropy"], rollout, watch.Elapsed.TotalSeconds - rollout);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested && done > (partial?.Steps ?? 0))
        {
            // The weights are those after the last whole iteration, plus whatever part of the interrupted update ran.
            var folder = Path.Combine(context.Folder, "partial");
            policy.Save(folder, Metadata(name, job, baseCheckpoint, environment.Spec.Name) with { Steps = done, Complete = false, Metrics = last });
            if (File.Exists(metricsPath))
            {
                File.Copy(metricsPath, Path.Combine(folder, MetricsFile), overwrite: true);
            }

            await context.SavePartialAsync(folder, done).ConfigureAwait(false);
            throw;
        }

        policy.Save(context.OutputFolder, Metadata(name, job, baseCheckpoint, environment.Spec.Name) with { Steps = done, Metrics = last });
    }

    private static RlAlgorithm Algorithm(string name)
    {
        try
        {
            return RlAlgorithms.Parse(name);
        }
        catch (ArgumentException)
        {
            throw new PermanentJobFailureException($"hyperparameter 'algorithm' must be {string.Join(", ", RlAlgorithms.Names)}, not '{name}'");
        }
    }

    private static PpoOptions PpoOptionsOf(Hyperparameters hyperparameters)
    {
        var defaults = new PpoOptions();
        return new PpoOptions
        {
            LearningRate = hyperparameters.Double("learningRate", defaults.LearningRate),
            Epochs = hyperparameters.Int("epochs", defaults.Epochs),
            MiniBatchSize = hyperparameters.Int("miniBatchSize", defaults.MiniBatchSize),
            MicroBatchSize = hyperparameters.Int("microBatchSize", defaults.MicroBatchSize),
            ClipRange = hyperparameters.Double("clipRange", defaults.ClipRange),
            ClipRangeValue = hyperparameters.Double("clipRangeValue", defaults.ClipRangeValue),
            ValueCoefficient = hyperparameters.Double("valueCoefficient", defaults.ValueCoefficient),
            DetachValueHead = hyperparameters.Bool("detachValueHead", defaults.DetachValueHead),
            Gamma = hyperparameters.Double("gamma", defaults.Gamma),
            Lambda = hyperparameters.Double("lambda", defaults.Lambda),
            InitialKlCoefficient = hyperparameters.Double("initialKlCoefficient", defaults.InitialKlCoefficient),
            AdaptiveKl = hyperparameters.Bool("adaptiveKl", defaults.AdaptiveKl),
            TargetKl = hyperparameters.Double("targetKl", defaults.TargetKl),
            KlHorizon = hyperparameters.Double("klHorizon", defaults.KlHorizon),
            ScaleRewards = hyperparameters.Bool("scaleRewards", defaults.ScaleRewards),
            WhitenRewards = hyperparameters.Bool("whitenRewards", defaults.WhitenRewards),
            GroupBaseline = hyperparameters.Bool("groupBaseline", defaults.GroupBaseline),
            RewardClip = hyperparameters.Double("rewardClip", defaults.RewardClip),
            MaxGradNorm = hyperparameters.Double("maxGradNorm", defaults.MaxGradNorm),
            MaxApproxKl = hyperparameters.Double("maxApproxKl", defaults.MaxApproxKl),
            Seed = hyperparameters.Int("seed", defaults.Seed),
        };
    }

    private static GroupRelativeOptions GroupRelativeOptionsOf(Hyperparameters hyperparameters, RlAlgorithm algorithm)
    {
        var defaults = new GroupRelativeOptions { Algorithm = algorithm };
        var scaling = hyperparameters.String("advantageScaling");
        return defaults with
        {
            LearningRate = hyperparameters.Double("learningRate", defaults.LearningRate),
            Epochs = hyperparameters.Int("epochs", defaults.Epochs),
            MiniBatchSize = hyperparameters.Int("miniBatchSize", defaults.MiniBatchSize),
            MicroBatchSize = hyperparameters.Int("microBatchSize", defaults.MicroBatchSize),
            ClipRange = hyperparameters.Double("clipRange", defaults.ClipRange),
            ClipRangeHigh = hyperparameters.Has("clipRangeHigh") ? hyperparameters.Double("clipRangeHigh", defaults.ClipRange) : null,
            Beta = hyperparameters.Double("beta", defaults.Beta),
            Scaling = scaling switch
            {
                null => null,
                "group" => AdvantageScaling.Group,
                "batch" => AdvantageScaling.Batch,
                "none" => AdvantageScaling.None,
                _ => throw new PermanentJobFailureException($"hyperparameter 'advantageScaling' must be group, batch or none, not '{scaling}'"),
            },
            MaxGradNorm = hyperparameters.Double("maxGradNorm", defaults.MaxGradNorm),
            MaxApproxKl = hyperparameters.Double("maxApproxKl", defaults.MaxApproxKl),
            Seed = hyperparameters.Int("seed", defaults.Seed),
        };
    }

    private static List<PpoEpisode> Episodes(IReadOnlyList<Trajectory> trajectories, PolicyCheckpoint policy, int maxNewTokens) =>
        [.. trajectories
            .Select(trajectory => PpoEpisode.From(trajectory, trajectory.Reward, policy.Template, policy.Config.Prompt, policy.Config.Model.ContextLength, maxNewTokens))
            .OfType<PpoEpisode>()];

    private static async Task<RewardModelScorer> LoadScorerAsync(JobContext context, string reference, CancellationToken cancellationToken)
    {
        var (model, folder) = await context.ResolveAndDownloadAsync(reference, "hyperparameter 'rewardModel'", cancellationToken).ConfigureAwait(false);
        try
        {
            return new RewardModelScorer(RewardModel.Load(folder, context.Device), model.ToString());
        }
        catch (CheckpointMismatchException ex)
        {
            throw new PermanentJobFailureException($"hyperparameter 'rewardModel' {model}: not a reward model: {ex.Message}", ex);
        }
    }

    private static TrainingMetadata Metadata(string algorithm, TrainingJob job, Sparring.Abstractions.Storage.ModelReference baseCheckpoint, string environment) => new()
    {
        Kind = algorithm,
        CreatedAt = DateTimeOffset.UtcNow,
        JobId = job.JobId,
        BaseCheckpoint = baseCheckpoint.ToString(),
        Data = [environment],
    };
}
