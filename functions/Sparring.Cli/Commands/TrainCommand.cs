using System.CommandLine;
using System.Globalization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Spectre.Console;
using Sparring.Abstractions.Storage;
using Sparring.Cli.Training;
using Sparring.Engine.Chat;
using Sparring.Orchestration.Telemetry;
using Sparring.Training.Chat;
using Sparring.Training.Checkpoints;
using Sparring.Training.Jobs;
using Sparring.Training.Model;
using static TorchSharp.torch;
using Sparring.Training.Presets;
using Sparring.Training.Rl;

namespace Sparring.Cli.Commands;

/// <summary>sparring train &lt;env&gt;: SFT on the environment's transcripts, evaluation, RL iterations (GRPO by default), evaluation.</summary>
internal static class TrainCommand
{
    public static Command Create(IAnsiConsole console, IConfiguration configuration, IModelCatalog models, CheckpointPolicies policies, ILoggerFactory logging)
    {
        var environment = new Argument<string>("env") { Description = "Environment folder." };
        var preset = new Option<string>("--preset") { Description = "smoke (a minute: checks the pipeline, learns nothing), quick (about 10 minutes on 2 cores) or full (a GPU).", DefaultValueFactory = _ => "quick" };
        preset.AcceptOnlyFromAmong("smoke", "quick", "full");
        var data = new Option<string[]>("--data") { Description = "Chat JSONL files to SFT on; default the environment's transcripts/*.jsonl.", AllowMultipleArgumentsPerToken = true };
        var iterations = new Option<int?>("--iterations") { Description = "RL iterations (default the preset's)." };
        var algorithm = new Option<string>("--algorithm") { Description = "The RL algorithm: grpo (group-relative, no value head), rloo (leave-one-out, no value head) or ppo (value head, GAE).", DefaultValueFactory = _ => RlAlgorithms.Names[0] };
        algorithm.AcceptOnlyFromAmong([.. RlAlgorithms.Names]);
        var reward = new Option<string>("--reward") { Description = "The RL score of an episode: dense (the reward's weighted graders even when a gate fails, halved then) or spec (the environment's reward).", DefaultValueFactory = _ => "dense" };
        reward.AcceptOnlyFromAmong("dense", "spec");
        var trainId = new Option<string?>("--train-id") { Description = "Id of this training; default train-<env>-<UTC timestamp>." };
        var tenant = new Option<string>("--tenant") { Description = "Tenant the runs and checkpoints belong to.", DefaultValueFactory = _ => "local" };
        var concurrency = new Option<int>("--concurrency", "-n") { Description = "Episodes in flight at once (they generate together).", DefaultValueFactory = _ => 64 };
        var seed = new Option<long>("--seed") { Description = "Seed of the data split, SFT order and runs.", DefaultValueFactory = _ => 1 };
        var device = new Option<string>("--device") { Description = "auto (CUDA when libtorch sees a GPU), cpu, cuda or cuda:<index>.", DefaultValueFactory = _ => "auto" };
        var baseline = new Option<string?>("--sft-baseline") { Description = "Also train an SFT-only policy of <layers>x<width> (e.g. 8x320, about 10 M parameters) on the same transcripts and evaluate it alike: the comparison the RL policy has to win." };
        var from = new Option<string?>("--from") { Description = "Start RL from this SFT checkpoint folder instead of training one (its tokenizer and shape are used)." };
        var output = new Option<string>("--out") { Description = "A folder, or 'azurite' for Blob storage.", Required = true };

        var command = new Command("train", "Train a policy for the environment: SFT on its transcripts, then RL (GRPO by default) on its episodes, with held-out evaluations.")
        {
            environment, preset, data, iterations, algorithm, reward, trainId, tenant, concurrency, seed, device, baseline, from, output,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var folder = Path.GetFullPath(parse.GetRequiredValue(environment));
            var files = parse.GetValue(data) is { Length: > 0 } given
                ? given.Select(Path.GetFullPath).ToArray()
                : Directory.Exists(Path.Combine(folder, "transcripts")) ? Directory.GetFiles(Path.Combine(folder, "transcripts"), "*.jsonl").Order(StringComparer.Ordinal).ToArray() : [];
            if (files.Length == 0)
            {
                throw new CliException($"no chat JSONL to SFT on: {Path.Combine(folder, "transcripts")} has no *.jsonl; pass --data");
            }

            foreach (var file in files.Where(file => !File.Exists(file)))
            {
                throw new CliException($"--data: {file} does not exist");
            }

            var chosen = TrainPreset.Named(parse.GetRequiredValue(preset));
            if (parse.GetValue(iterations) is { } count)
            {
                chosen = chosen with { Iterations = Math.Max(1, count) };
            }

            chosen = chosen with { TrainingReward = parse.GetRequiredValue(reward), Algorithm = RlAlgorithms.Parse(parse.GetRequiredValue(algorithm)) };
            var id = parse.GetValue(trainId) ?? $"train-{Path.GetFileName(folder.TrimEnd(Path.DirectorySeparatorChar))}-{DateTime.UtcNow.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture)}";
            var target = await StorageTargets.ResolveAsync(parse.GetRequiredValue(output), configuration, console, cancellationToken).ConfigureAwait(false);
            Device torchDevice;
            try
            {
                torchDevice = TrainingDevices.Resolve(parse.GetRequiredValue(device));
            }
            catch (InvalidOperationException ex)
            {
                throw new CliException($"--device: {ex.Message}");
            }

            var settings = new TrainSettings(folder, files, chosen, id, parse.GetRequiredValue(tenant), target, parse.GetRequiredValue(concurrency), parse.GetRequiredValue(seed), torchDevice, BaselineShape(parse.GetValue(baseline), chosen), StartFolder(parse.GetValue(from)));
            using var span = OrchestrationTelemetry.StartRun("train", new RunKey(settings.Tenant, id), Path.GetFileName(folder.TrimEnd(Path.DirectorySeparatorChar)));
            var report = await new TrainLoop(console, models, policies, logging).RunAsync(settings, cancellationToken).ConfigureAwait(false);
            TrainReportText.Print(console, report);
            console.WriteLine($"Report: {target.Description}/{new RunKey(settings.Tenant, id).PathOf(RunFiles.TrainReportText)} and {RunFiles.Page}; checkpoints {string.Join(", ", report.Checkpoints)} (current: the {RlAlgorithms.Label(chosen.Algorithm)} one)");
            return 0;
        });
        return command;
    }

    private static string? StartFolder(string? folder) =>
        folder is null ? null
        : File.Exists(Path.Combine(folder, PolicyCheckpoint.ConfigFile)) ? Path.GetFullPath(folder)
        : throw new CliException($"--from: {Path.Combine(folder, PolicyCheckpoint.ConfigFile)} does not exist: not a policy checkpoint folder");

    // "8x320": layers x width, heads of 64 where the width allows, the preset's context.
    private static TransformerConfig? BaselineShape(string? text, TrainPreset preset)
    {
        if (text is null)
        {
            return null;
        }

        var parts = text.Split('x');
        if (parts.Length != 2 || !int.TryParse(parts[0], CultureInfo.InvariantCulture, out var layers) || !int.TryParse(parts[1], CultureInfo.InvariantCulture, out var width) || layers < 1 || width < 4)
        {
            throw new CliException($"--sft-baseline: '{text}' is not <layers>x<width>, such as 8x320");
        }

        var heads = width % 64 == 0 ? width / 64 : width % 4 == 0 ? 4 : 1;
        var shape = preset.Model with { Layers = layers, Width = width, Heads = heads };
        try
        {
            shape.Validate();
        }
        catch (ArgumentException ex)
        {
            throw new CliException($"--sft-baseline: {ex.Message}");
        }

        return shape;
    }
}
