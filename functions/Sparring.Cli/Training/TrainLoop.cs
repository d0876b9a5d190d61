using System.Diagnostics;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Spectre.Console;
using Sparring.Abstractions.Json;
using Sparring.Abstractions.Metering;
using Sparring.Abstractions.Reports;
using Sparring.Abstractions.Storage;
using Sparring.Cli.Output;
using Sparring.EmbeddedHost;
using Sparring.Engine.Chat;
using Sparring.Engine.Environments;
using Sparring.Engine.Grading;
using Sparring.Abstractions.Trajectories;
using Sparring.Orchestration.Contracts;
using Sparring.Orchestration.Services;
using Sparring.ReportPages;
using Sparring.Storage;
using Sparring.Training.Tokenization;
using Sparring.Training.Chat;
using Sparring.Training.Checkpoints;
using Sparring.Training.Data;
using Sparring.Training.Model;
using Sparring.Training.Ppo;
using Sparring.Training.Sft;
using Sparring.Training.Presets;
using Sparring.Training.Rl;

namespace Sparring.Cli.Training;

/// <summary>
/// The whole training loop on one environment: a tokenizer and SFT on its transcripts, an evaluation on the held-out
/// scenarios, RL iterations (GRPO, RLOO or PPO) whose rollouts are episodes run through the evaluation orchestration
/// (trajectories in the store), and a final evaluation; checkpoints go to the store and a report says what each stage achieved.
/// </summary>
internal sealed class TrainLoop(IAnsiConsole console, IModelCatalog models, CheckpointPolicies policies, ILoggerFactory logging)
{
    public async Task<TrainReport> RunAsync(TrainSettings settings, CancellationToken cancellationToken)
    {
        var watch = Stopwatch.StartNew();
        var preset = settings.Preset;
        var environment = await new EnvironmentLoader(logging.CreateLogger<EnvironmentLoader>()).LoadAsync(settings.EnvironmentFolder, cancellationToken).ConfigureAwait(false);
        var examples = new List<ChatExample>();
        foreach (var file in settings.DataFiles)
        {
            examples.AddRange(await ChatJsonl.ReadAsync(file, cancellationToken).ConfigureAwait(false));
        }

        if (examples.Count == 0)
        {
            throw new CliException($"no conversations in {string.Join(", ", settings.DataFiles)}");
        }

        using var policy = settings.StartFrom is { } start
            ? PolicyCheckpoint.Load(start, settings.Device)
            : Fresh(preset, TrainTokenizer(examples, preset.Vocabulary), settings.Device);
        var report = new TrainReport
        {
            TrainId = settings.TrainId,
            Environment = environment.Spec.Name,
            Preset = preset.Name,
            Parameters = policy.Config.Model.ParameterCount,
            ModelShape = PolicyCheckpoint.Describe(policy.Config.Model),
            TrainingReward = preset.TrainingReward,
            Algorithm = RlAlgorithms.Name(preset.Algorithm),
            StartedAt = DateTimeOffset.UtcNow,
        };
        var algorithm = RlAlgorithms.Name(preset.Algorithm);
        var label = RlAlgorithms.Label(preset.Algorithm);
        console.MarkupLine($"Training [bold]{Markup.Escape(settings.TrainId)}[/] on {Markup.Escape(environment.Spec.Name)} ({preset.Name} preset, {label}, on {settings.Device.type.ToString().ToLowerInvariant()}): {Markup.Escape(report.ModelShape)}");

        var store = settings.Target.CreateTrajectoryStore(logging);
        var checkpoints = settings.Target.CreateCheckpointStore(logging);
        var work = Directory.CreateTempSubdirectory($"sparring-train-{settings.TrainId}-").FullName;
        var modelName = $"{environment.Spec.Name}-policy";

        string sftFolder;
        if (settings.StartFrom is { } from)
        {
            sftFolder = from;
            report.Checkpoints.Add(from);
            console.WriteLine($"Starting from the SFT checkpoint {from} ({policy.Metadata?.Kind ?? "no training.json"})");
        }
        else
        {
            report.Sft = await SftAsync(policy, examples, preset, settings.Seed, cancellationToken).ConfigureAwait(false);
            sftFolder = Path.Combine(work, "sft");
            policy.Save(sftFolder, new TrainingMetadata
            {
                Kind = "sft",
                CreatedAt = DateTimeOffset.UtcNow,
                JobId = settings.TrainId,
                Steps = report.Sft.Steps,
                Tokens = report.Sft.Tokens,
                Data = settings.DataFiles,
                Metrics = new Dictionary<string, double> { ["loss/first_epoch"] = report.Sft.FirstEpochLoss, ["loss/last_epoch"] = report.Sft.LastEpochLoss },
            });
            report.Checkpoints.Add(await SaveAsync(checkpoints, settings.Tenant, new ModelReference(modelName, $"{settings.TrainId}-sft"), sftFolder, cancellationToken).ConfigureAwait(false));
        }

        await policies.RegisterAsync($"{settings.TrainId}-eval", policy, new PolicySampling(preset.EvalTemperature, 1f, preset.MaxTurnTokens)).ConfigureAwait(false);
        await policies.RegisterAsync($"{settings.TrainId}-rollout", policy, new PolicySampling(preset.RolloutTemperature, 1f, preset.MaxTurnTokens)).ConfigureAwait(false);
        var services = new ActivityServices(
            new EnvironmentCatalog(new FolderEnvironmentSource(), new EnvironmentLoader(logging.CreateLogger<EnvironmentLoader>())),
            new EpisodeRunners(models, TimeProvider.System, logging),
            store,
            NoUsageMeter.Instance);
        await using var host = await EmbeddedDurableHost.StartInMemoryAsync(services, new EmbeddedHostOptions(), logging).ConfigureAwait(false);

        report.SftEvaluation = await EvaluateAsync(host, store, settings, $"{settings.TrainId}-sft-eval", cancellationToken).ConfigureAwait(false);
        console.MarkupLine($"SFT policy on held-out scenarios: mean reward [bold]{report.SftEvaluation.MeanReward:0.000}[/], success {report.SftEvaluation.SuccessRate:P0}, containment {report.SftEvaluation.ContainmentRate:P0}");

        using var reference = PolicyCheckpoint.Load(sftFolder, settings.Device);
        using var trainer = RlTrainers.Create(preset.Algorithm, policy.Model, reference.Model, preset.Ppo, preset.GroupRelative, preset.RolloutTemperature, logging);
        var rlFolder = Path.Combine(work, algorithm);
        Directory.CreateDirectory(rlFolder);
        var metrics = new MetricsLog(Path.Combine(rlFolder, "metrics.jsonl"));
        IReadOnlyDictionary<string, double> last = new Dictionary<string, double>();
        try
        {
            for (var iteration = 1; iteration <= preset.Iterations; iteration++)
            {
                var rolloutWatch = Stopwatch.StartNew();
                var runId = $"{settings.TrainId}-{algorithm}-{iteration:D3}";
                var (result, runReport) = await RunAsync(host, store, settings, runId, $"live:{settings.TrainId}-rollout", "train", preset.RolloutEpisodesPerScenario, settings.Seed + iteration, cancellationToken).ConfigureAwait(false);
                var episodes = await EpisodesAsync(store, settings.Tenant, result, policy, Scorer(environment, preset), preset.MaxTurnTokens, cancellationToken).ConfigureAwait(false);
                var rolloutSeconds = rolloutWatch.Elapsed.TotalSeconds;
                var updateWatch = Stopwatch.StartNew();
                last = await Task.Run(() => trainer.Step(episodes, cancellationToken), cancellationToken).ConfigureAwait(false);
                await metrics.AppendAsync(iteration, last, cancellationToken).ConfigureAwait(false);
                var step = RlStepSummary.From(last);
                var record = new TrainIteration(
                    iteration, runId, episodes.Count, runReport.MeanReward, episodes.Average(episode => episode.Score), runReport.ContainmentRate,
                    step.Kl, step.Entropy, step.KlCoefficient, step.ClipFraction, step.ValueLoss, step.ZeroStdGroupShare,
                    Math.Round(rolloutSeconds, 1), Math.Round(updateWatch.Elapsed.TotalSeconds, 1));
                report.Iterations.Add(record);
                var groups = record.ZeroStdGroupShare is { } share ? $", groups with equal rewards {share:P0}" : string.Empty;
                console.WriteLine($"{label} iteration {iteration}/{preset.Iterations}: mean reward {record.MeanReward:0.000} (training reward {record.TrainingReward:0.000}{groups}), containment {record.ContainmentRate:P0}, kl {record.Kl:0.00}, entropy {record.Entropy:0.0}, rollouts {record.RolloutSeconds:0.0} s, update {record.UpdateSeconds:0.0} s");
            }
        }
        catch (OperationCanceledException)
        {
            policy.Save(rlFolder, new TrainingMetadata { Kind = algorithm, CreatedAt = DateTimeOffset.UtcNow, JobId = settings.TrainId, Steps = trainer.Steps, Complete = false, BaseCheckpoint = report.Checkpoints[0] });
            console.MarkupLine($"[yellow]Stopped: the policy after {trainer.Steps} {label} steps is in {Markup.Escape(rlFolder)}[/]");
            throw;
        }

        policy.Save(rlFolder, new TrainingMetadata
        {
            Kind = algorithm,
            CreatedAt = DateTimeOffset.UtcNow,
            JobId = settings.TrainId,
            BaseCheckpoint = report.Checkpoints[0],
            Steps = trainer.Steps,
            Data = [environment.Spec.Name],
            Metrics = last,
        });
        var rlModel = new ModelReference(modelName, $"{settings.TrainId}-{algorithm}");
        report.Checkpoints.Add(await SaveAsync(checkpoints, settings.Tenant, rlModel, rlFolder, cancellationToken).ConfigureAwait(false));
        await checkpoints.SetCurrentAsync(settings.Tenant, rlModel, cancellationToken).ConfigureAwait(false);

        report.RlEvaluation = await EvaluateAsync(host, store, settings, $"{settings.TrainId}-{algorithm}-eval", cancellationToken).ConfigureAwait(false);
        console.MarkupLine($"SFT + {label} policy on held-out scenarios: mean reward [bold]{report.RlEvaluation.MeanReward:0.000}[/], success {report.RlEvaluation.SuccessRate:P0}, containment {report.RlEvaluation.ContainmentRate:P0}");
        if (settings.Baseline is { } baseline)
        {
            report.Baseline = await BaselineAsync(host, store, checkpoints, settings, baseline, policy.Tokenizer, policy.Config.Prompt, examples, Path.Combine(work, "baseline"), modelName, cancellationToken).ConfigureAwait(false);
        }

        report.Seconds = Math.Round(watch.Elapsed.TotalSeconds, 1);
        await WriteReportAsync(store, new RunKey(settings.Tenant, settings.TrainId), report, cancellationToken).ConfigureAwait(false);
        Directory.Delete(work, recursive: true);
        return report;
    }

    private static PolicyCheckpoint Fresh(TrainPreset preset, Tokenizer tokenizer, TorchSharp.torch.Device device) =>
        PolicyCheckpoint.Create(preset.Model with { VocabularySize = tokenizer.VocabularySize }, tokenizer, new PromptOptions(), device);

    private static Tokenizer TrainTokenizer(IReadOnlyList<ChatExample> examples, int vocabulary) =>
        TokenizerTrainer.Train(examples.SelectMany(example => ChatTemplate.TextsOf(ConversationWindows.Visible(example.Messages, new PromptOptions()))), vocabulary);

    private async Task<TrainSftSummary> SftAsync(PolicyCheckpoint policy, IReadOnlyList<ChatExample> examples, TrainPreset preset, long seed, CancellationToken cancellationToken)
    {
        // A tenth of the conversations (at least one) is held out to measure the loss on text SFT did not see.
        var shuffled = examples.ToArray();
        new Random((int)seed).Shuffle(shuffled);
        var held = Math.Max(1, shuffled.Length / 10);
        var context = policy.Config.Model.ContextLength;
        var train = shuffled.Skip(held).SelectMany(example => ConversationWindows.Of(policy.Template, example.Messages, policy.Config.Prompt, context)).ToList();
        var validation = shuffled.Take(held).SelectMany(example => ConversationWindows.Of(policy.Template, example.Messages, policy.Config.Prompt, context)).ToList();
        var trainer = new SftTrainer(policy.Model, preset.Sft with { Seed = (int)seed + 1 }, logging.CreateLogger<SftTrainer>());
        console.WriteLine($"SFT on {shuffled.Length - held} conversations ({train.Count} windows, {train.Sum(window => window.LossTokens):N0} assistant tokens), {held} held out");
        var result = await ProgressDisplay.ShowAsync<SftProgress, SftResult>(
            console,
            step => (step.Step, step.TotalSteps, $"epoch {step.Epoch}, loss {step.Loss:0.000}, {step.TokensPerSecond:N0} tokens/s"),
            progress => Task.Run(() => trainer.Train(train, validation, progress, cancellationToken), cancellationToken),
            "sft steps").ConfigureAwait(false);
        console.WriteLine($"SFT: loss {result.FirstEpochLoss:0.000} → {result.LastEpochLoss:0.000} (held out {result.ValidationLoss:0.000}) in {result.Seconds:0} s");
        return new TrainSftSummary(shuffled.Length - held, train.Count, result.Tokens, result.Steps, result.FirstEpochLoss, result.LastEpochLoss, result.ValidationLoss, Math.Round(result.Seconds, 1), Math.Round(result.Tokens / result.Seconds));
    }

    // The comparison the policy has to win: a bigger model trained by SFT alone on the same transcripts, evaluated alike.
    private async Task<TrainBaseline> BaselineAsync(EmbeddedDurableHost host, ITrajectoryStore store, ICheckpointStore checkpoints, TrainSettings settings, TransformerConfig shape, Tokenizer tokenizer, PromptOptions prompt, IReadOnlyList<ChatExample> examples, string folder, string modelName, CancellationToken cancellationToken)
    {
        using var baseline = PolicyCheckpoint.Create(shape with { VocabularySize = tokenizer.VocabularySize }, tokenizer, prompt, settings.Device);
        var describe = PolicyCheckpoint.Describe(baseline.Config.Model);
        console.MarkupLine($"SFT-only baseline: {Markup.Escape(describe)}");
        var sft = await SftAsync(baseline, examples, settings.Preset, settings.Seed, cancellationToken).ConfigureAwait(false);
        baseline.Save(folder, new TrainingMetadata { Kind = "sft", CreatedAt = DateTimeOffset.UtcNow, JobId = settings.TrainId, Steps = sft.Steps, Tokens = sft.Tokens, Data = settings.DataFiles });
        var checkpoint = await SaveAsync(checkpoints, settings.Tenant, new ModelReference(modelName, $"{settings.TrainId}-sft-baseline"), folder, cancellationToken).ConfigureAwait(false);
        await policies.RegisterAsync($"{settings.TrainId}-baseline", baseline, new PolicySampling(settings.Preset.EvalTemperature, 1f, settings.Preset.MaxTurnTokens)).ConfigureAwait(false);
        var evaluation = await EvaluateAsync(host, store, settings, $"{settings.TrainId}-baseline-eval", cancellationToken, $"live:{settings.TrainId}-baseline").ConfigureAwait(false);
        console.MarkupLine($"SFT-only baseline on held-out scenarios: mean reward [bold]{evaluation.MeanReward:0.000}[/], success {evaluation.SuccessRate:P0}");
        return new TrainBaseline(baseline.Config.Model.ParameterCount, describe, checkpoint, sft, evaluation);
    }

    private async Task<TrainEvaluation> EvaluateAsync(EmbeddedDurableHost host, ITrajectoryStore store, TrainSettings settings, string runId, CancellationToken cancellationToken, string? policy = null)
    {
        var (_, report) = await RunAsync(host, store, settings, runId, policy ?? $"live:{settings.TrainId}-eval", "test", settings.Preset.EvalEpisodesPerScenario, settings.Seed + 1_000_000, cancellationToken).ConfigureAwait(false);
        return new TrainEvaluation(runId, "test", report.Episodes, report.MeanReward, report.SuccessRate, report.ContainmentRate, report.Terminations);
    }

    private async Task<(EvaluationRunResult Result, RunReport Report)> RunAsync(EmbeddedDurableHost host, ITrajectoryStore store, TrainSettings settings, string runId, string policy, string split, int episodesPerScenario, long seed, CancellationToken cancellationToken)
    {
        var request = new EvaluationRunRequest
        {
            RunId = runId,
            Tenant = settings.Tenant,
            Environment = new EnvironmentReference(settings.EnvironmentFolder),
            Models = new ModelSelection(policy, "scripted", "none"),
            Split = split,
            EpisodesPerScenario = episodesPerScenario,
            Seed = seed,
            Concurrency = settings.Concurrency,
            Sampling = new RejectionSamplingOptions(1.0, null),
        };
        await host.StartRunAsync(request, cancellationToken).ConfigureAwait(false);
        var result = await ProgressDisplay.ShowAsync<RunProgressStatus, EvaluationRunResult>(
            console,
            status => (status.Done, status.Total, $"{runId}, mean reward {status.MeanReward:0.000}"),
            progress => host.WaitAsync(runId, progress, cancellationToken)).ConfigureAwait(false);
        var report = await store.ReadReportAsync(new RunKey(settings.Tenant, runId), cancellationToken).ConfigureAwait(false)
            ?? throw new CliException($"run {runId} finished without a report");
        return (result, report);
    }

    private static Func<Trajectory, double> Scorer(LoadedEnvironment environment, TrainPreset preset)
    {
        var formula = new RewardFormula(environment.Spec.Reward);
        return preset.TrainingReward switch
        {
            "dense" => trajectory => formula.Dense(trajectory.Graders),
            "spec" => trajectory => trajectory.Reward,
            var other => throw new CliException($"--reward: unknown training reward '{other}': use dense or spec"),
        };
    }

    private static async Task<List<PpoEpisode>> EpisodesAsync(ITrajectoryStore store, string tenant, EvaluationRunResult result, PolicyCheckpoint policy, Func<Trajectory, double> score, int maxNewTokens, CancellationToken cancellationToken)
    {
        var episodes = new List<PpoEpisode>();
        var run = new RunKey(tenant, result.RunId);
        foreach (var file in result.Files.Where(RunFiles.IsTrajectoriesPart))
        {
            await using var stream = await store.OpenFileAsync(run, file, cancellationToken).ConfigureAwait(false)
                ?? throw new CliException($"{run.PathOf(file)} is missing");
            using var reader = new StreamReader(stream);
            while (await reader.ReadLineAsync(cancellationToken).ConfigureAwait(false) is { Length: > 0 } line)
            {
                var trajectory = JsonSerializer.Deserialize(line, SparringJsonContext.Default.Trajectory)
                    ?? throw new CliException($"{run.PathOf(file)}: an empty line");
                if (PpoEpisode.From(trajectory, score(trajectory), policy.Template, policy.Config.Prompt, policy.Config.Model.ContextLength, maxNewTokens) is { } episode)
                {
                    episodes.Add(episode);
                }
            }
        }

        return episodes.Count > 0 ? episodes : throw new CliException($"run {result.RunId} has no episode in which the policy wrote anything");
    }

    private static async Task<string> SaveAsync(ICheckpointStore checkpoints, string tenant, ModelReference model, string folder, CancellationToken cancellationToken)
    {
        await checkpoints.SaveAsync(tenant, model, folder, cancellationToken).ConfigureAwait(false);
        return model.ToString();
    }

    private static async Task WriteReportAsync(ITrajectoryStore store, RunKey run, TrainReport report, CancellationToken cancellationToken)
    {
        var json = JsonSerializer.SerializeToUtf8Bytes(report, TrainReportJsonContext.Default.TrainReport);
        await using (var stream = new MemoryStream(json))
        {
            await store.WriteFileAsync(run, RunFiles.TrainReport, stream, cancellationToken).ConfigureAwait(false);
        }

        await using (var markdown = new MemoryStream(Encoding.UTF8.GetBytes(TrainReportText.Markdown(report))))
        {
            await store.WriteFileAsync(run, RunFiles.TrainReportText, markdown, cancellationToken).ConfigureAwait(false);
        }

        // The page shows the curves and the final evaluation's episodes (each rollout run has its own page).
        var content = await new RunReportPageLoader(store).LoadAsync(run, cancellationToken).ConfigureAwait(false);
        await using var page = new MemoryStream(RunReportPage.RenderUtf8(content));
        await store.WriteFileAsync(run, RunFiles.Page, page, cancellationToken).ConfigureAwait(false);
    }
}
