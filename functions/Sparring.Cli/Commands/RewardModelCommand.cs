using System.CommandLine;
using System.Globalization;
using Microsoft.Extensions.Logging;
using Spectre.Console;
using Sparring.Abstractions.Storage;
using Sparring.Cli.Output;
using Sparring.Engine.Environments;
using Sparring.Engine.Grading;
using Sparring.Models;
using Sparring.Training.Tokenization;
using Sparring.Training.Checkpoints;
using Sparring.Training.Model;
using Sparring.Training.Rewards;

namespace Sparring.Cli.Commands;

/// <summary>
/// sparring reward-model &lt;env&gt; --trajectories &lt;file-or-run-folder&gt; --out &lt;folder&gt;: distils the judge's
/// scores of an llm_rubric grader into a reward model checkpoint and prints its agreement with the judge.
/// </summary>
internal static class RewardModelCommand
{
    public static Command Create(IAnsiConsole console, EnvironmentLoader loader, ILoggerFactory logging)
    {
        var environment = new Argument<string>("env") { Description = "Environment folder or spec file whose llm_rubric grader the model learns." };
        var trajectories = new Option<string>("--trajectories") { Description = $"Judged trajectories: a {RunFiles.Trajectories}, an eval run folder, or a run folder with {RunFiles.EpisodesFolder}/*.json.", Required = true };
        var output = new Option<string>("--out") { Description = "Checkpoint folder to write (config.json, tokenizer.json, checkpoint.bin, report.json, training.json).", Required = true };
        var grader = new Option<string?>("--grader") { Description = "The llm_rubric grader to learn; default the spec's only one." };
        var policy = new Option<string?>("--from-policy") { Description = "Start the trunk from this policy checkpoint folder (its shape and tokenizer)." };
        var epochs = new Option<int>("--epochs") { Description = "Passes over the training trajectories.", DefaultValueFactory = _ => 20 };
        var batch = new Option<int>("--batch-size") { Description = "Trajectories per step.", DefaultValueFactory = _ => 16 };
        var learningRate = new Option<double>("--learning-rate") { Description = "Peak AdamW learning rate.", DefaultValueFactory = _ => 1e-3 };
        var holdout = new Option<double>("--holdout") { Description = "Share of trajectories held out to measure agreement with the judge.", DefaultValueFactory = _ => 0.2 };
        var seed = new Option<int>("--seed") { Description = "Seed of the split, the shuffling and the initial weights.", DefaultValueFactory = _ => 1 };
        var context = new Option<int>("--context") { Description = "Tokens read: the last ones of each conversation (without --from-policy).", DefaultValueFactory = _ => 512 };
        var layers = new Option<int>("--layers") { Description = "Transformer blocks (without --from-policy).", DefaultValueFactory = _ => 2 };
        var width = new Option<int>("--width") { Description = "Width of the trunk (without --from-policy).", DefaultValueFactory = _ => 64 };
        var vocabulary = new Option<int>("--vocabulary") { Description = "Tokenizer size, trained on the trajectories (without --from-policy).", DefaultValueFactory = _ => 1024 };

        var command = new Command("reward-model", "Train a reward model on judged trajectories, so rubrics are scored without the judge.")
        {
            environment, trajectories, output, grader, policy, epochs, batch, learningRate, holdout, seed, context, layers, width, vocabulary,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var loaded = await loader.LoadAsync(parse.GetRequiredValue(environment), cancellationToken).ConfigureAwait(false);
            var rubric = Rubric(loaded.Spec, parse.GetValue(grader));
            var source = parse.GetRequiredValue(trajectories);
            RubricLabels labels;
            try
            {
                labels = GradedTrajectories.Labels(await GradedTrajectories.ReadAsync(source, cancellationToken).ConfigureAwait(false), source, rubric.Name);
            }
            catch (InvalidDataException ex)
            {
                throw new CliException(ex.Message);
            }

            var expected = (rubric.Criteria ?? []).Select(c => c.Name).ToList();
            if (!expected.Order(StringComparer.Ordinal).SequenceEqual(labels.Criteria.Order(StringComparer.Ordinal)))
            {
                throw new CliException($"{source}: the judge scored {string.Join(", ", labels.Criteria)} for '{rubric.Name}', but {loaded.Spec.Name} {loaded.Spec.Version} defines {string.Join(", ", expected)}");
            }

            var options = new RewardModelOptions
            {
                Epochs = parse.GetRequiredValue(epochs),
                BatchSize = parse.GetRequiredValue(batch),
                LearningRate = parse.GetRequiredValue(learningRate),
                Holdout = parse.GetRequiredValue(holdout),
                Seed = parse.GetRequiredValue(seed),
            };
            var environmentName = $"{loaded.Spec.Name}@{loaded.Spec.Version}";
            using var model = CreateModel(parse.GetValue(policy), labels, environmentName, parse.GetRequiredValue(context), parse.GetRequiredValue(layers), parse.GetRequiredValue(width), parse.GetRequiredValue(vocabulary), parse.GetRequiredValue(seed));
            console.MarkupLine($"Training a reward model for [bold]{Markup.Escape(rubric.Name)}[/] ({Markup.Escape(string.Join(", ", labels.Criteria))}) of {Markup.Escape(environmentName)} on {labels.Examples.Count} judged trajectories{(labels.Skipped > 0 ? $" ({labels.Skipped} without a judge's scores left out)" : string.Empty)}, {model.Config.Model.ParameterCount:N0} parameters");

            var trainer = new RewardModelTrainer(model, options, logging.CreateLogger<RewardModelTrainer>());
            RewardModelReport report;
            try
            {
                report = await ProgressDisplay.ShowAsync<RewardModelProgress, RewardModelReport>(
                    console,
                    p => (p.Step, p.TotalSteps, $"epoch {p.Epoch}, loss {p.Loss.ToString("0.0000", CultureInfo.InvariantCulture)}"),
                    progress => Task.Run(() => trainer.Train(labels.Examples, progress, cancellationToken), cancellationToken),
                    unit: "steps").ConfigureAwait(false);
            }
            catch (ArgumentException ex)
            {
                throw new CliException(ex.Message.Split(" (Parameter")[0]);
            }

            var folder = parse.GetRequiredValue(output);
            model.Save(folder, Metadata(report, source, parse.GetValue(policy)), report);
            console.Write(report.ToTable());
            console.WriteLine($"Reward model written to {folder}; score rubrics with it: --judge {ModelNames.RewardModelPrefix}{folder}");
            return 0;
        });
        return command;
    }

    /// <summary>Loads a checkpoint folder as the rubric scorer that --judge reward-model:&lt;folder&gt; names.</summary>
    public static IRubricScorer LoadScorer(string folder)
    {
        try
        {
            return RewardModelScorer.Load(folder);
        }
        catch (CheckpointMismatchException ex)
        {
            throw new ModelConfigurationException($"reward model {folder}: {ex.Message}");
        }
    }

    private static GraderSpec Rubric(EnvironmentSpec spec, string? name)
    {
        var rubrics = spec.Graders.Where(g => g.Type == GraderTypes.LlmRubric).ToList();
        return name is null
            ? rubrics.Count == 1 ? rubrics[0] : throw new CliException($"{spec.Name} has {(rubrics.Count == 0 ? "no llm_rubric grader" : $"several llm_rubric graders ({string.Join(", ", rubrics.Select(r => r.Name))}): choose one with --grader")}")
            : rubrics.FirstOrDefault(g => g.Name == name) ?? throw new CliException($"{spec.Name} has no llm_rubric grader named '{name}' (it has {string.Join(", ", rubrics.Select(r => r.Name).DefaultIfEmpty("none"))})");
    }

    private static RewardModel CreateModel(string? policyFolder, RubricLabels labels, string environment, int context, int layers, int width, int vocabulary, int seed)
    {
        try
        {
            if (policyFolder is not null)
            {
                using var policy = PolicyCheckpoint.Load(policyFolder);
                return RewardModel.FromPolicy(policy, labels.Grader, labels.Criteria, labels.Judge, environment);
            }

            var tokenizer = TokenizerTrainer.Train(labels.Examples.SelectMany(e => ChatTemplate.TextsOf(e.Messages)), vocabulary);
            var shape = new TransformerConfig { VocabularySize = tokenizer.VocabularySize, ContextLength = context, Layers = layers, Width = width, Heads = Math.Max(1, width / 32), InitSeed = seed };
            return RewardModel.Create(shape, tokenizer, labels.Grader, labels.Criteria, judge: labels.Judge, environment: environment);
        }
        catch (CheckpointMismatchException ex)
        {
            throw new CliException(ex.Message);
        }
        catch (ArgumentException ex)
        {
            throw new CliException(ex.Message.Split(" (Parameter")[0]);
        }
    }

    private static TrainingMetadata Metadata(RewardModelReport report, string source, string? policy)
    {
        var metrics = new Dictionary<string, double> { ["loss/train"] = report.LastEpochLoss };
        if (report.HeldOutLoss is { } heldOut)
        {
            metrics["loss/heldout"] = heldOut;
        }

        foreach (var agreement in report.Criteria.Append(report.Overall))
        {
            foreach (var (metric, value) in new[] { ("pearson", agreement.Pearson), ("spearman", agreement.Spearman), ("mae", agreement.MeanAbsoluteError) })
            {
                if (value is { } v)
                {
                    metrics[$"{agreement.Criterion}/{metric}"] = v;
                }
            }
        }

        return new TrainingMetadata { Kind = "reward-model", CreatedAt = DateTimeOffset.UtcNow, BaseCheckpoint = policy, Steps = report.Steps, Data = [source], Metrics = metrics };
    }
}
