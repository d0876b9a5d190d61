using System.Security.Cryptography;
using System.Text.Json;
using Sparring.Abstractions.Trajectories;
using Sparring.Training.Tokenization;
using TorchSharp;
using Sparring.Training.Checkpoints;
using Sparring.Training.Data;
using Sparring.Training.Model;
using static TorchSharp.torch;

namespace Sparring.Training.Rewards;

/// <summary>
/// A reward model as it lives in a checkpoint folder: config.json (trunk shape, rubric grader and criteria),
/// tokenizer.json, checkpoint.bin, report.json (agreement with the judge) and training.json, written last. Loading
/// checks that the files agree and fails naming the file.
/// </summary>
public sealed class RewardModel : IDisposable
{
    /// <summary>The config file.</summary>
    public const string ConfigFile = "config.json";

    /// <summary>The tokenizer file.</summary>
    public const string TokenizerFile = "tokenizer.json";

    /// <summary>The weights file.</summary>
    public const string WeightsFileName = "checkpoint.bin";

    /// <summary>The training metadata file.</summary>
    public const string MetadataFile = "training.json";

    /// <summary>The held-out agreement report.</summary>
    public const string ReportFile = "report.json";

    private RewardModel(RewardModelConfig config, Tokenizer tokenizer, RewardNetwork network, TrainingMetadata? metadata, string? weightsHash)
    {
        Config = config;
        Tokenizer = tokenizer;
        Template = new ChatTemplate(tokenizer);
        Network = network;
        Metadata = metadata;
        WeightsHash = weightsHash;
    }

    /// <summary>The checkpoint's config.</summary>
    public RewardModelConfig Config { get; }

    /// <summary>The rubric's criteria, in the order of the scores.</summary>
    public IReadOnlyList<string> Criteria => Config.Criteria;

    /// <summary>The tokenizer the model reads.</summary>
    public Tokenizer Tokenizer { get; }

    /// <summary>The chat template over that tokenizer.</summary>
    public ChatTemplate Template { get; }

    /// <summary>The network.</summary>
    public RewardNetwork Network { get; }

    /// <summary>How it was trained; none for a fresh model.</summary>
    public TrainingMetadata? Metadata { get; private set; }

    /// <summary>The first 12 hex digits of checkpoint.bin's SHA-256 once saved or loaded: the model's version.</summary>
    public string? WeightsHash { get; private set; }

    /// <summary>A fresh reward model with its own trunk, for the llm_rubric <paramref name="grader"/> and its <paramref name="criteria"/>.</summary>
    /// <param name="model">The trunk's shape.</param>
    /// <param name="tokenizer">The tokenizer it reads with.</param>
    /// <param name="grader">The llm_rubric grader it distils.</param>
    /// <param name="criteria">The grader's criteria, one head each.</param>
    /// <param name="prompt">What of a conversation it reads.</param>
    /// <param name="judge">The judge it learns from (kind:name), recorded in config.json.</param>
    /// <param name="environment">The environment (name@version), recorded in config.json.</param>
    /// <param name="device">Where the weights go.</param>
    /// <exception cref="ArgumentException">The config is invalid (the message names the field).</exception>
    public static RewardModel Create(TransformerConfig model, Tokenizer tokenizer, string grader, IReadOnlyList<string> criteria, PromptOptions? prompt = null, string? judge = null, string? environment = null, Device? device = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(tokenizer);
        if (model.VocabularySize != tokenizer.VocabularySize)
        {
            throw new CheckpointMismatchException($"model config: vocabularySize is {model.VocabularySize} but the tokenizer has {tokenizer.VocabularySize} tokens");
        }

        var config = new RewardModelConfig { Model = model, TokenizerHash = tokenizer.ContentHash, Prompt = prompt ?? new PromptOptions(), Grader = grader, Criteria = [.. criteria], Judge = judge, Environment = environment };
        config.Validate();
        var network = new RewardNetwork(model, config.Criteria.Count);
        if (device is not null)
        {
            network.to(device);
        }

        return new RewardModel(config, tokenizer, network, null, null);
    }

    /// <summary>A reward model whose trunk starts as a copy of <paramref name="policy"/>'s (same shape, tokenizer and prompt options).</summary>
    public static RewardModel FromPolicy(PolicyCheckpoint policy, string grader, IReadOnlyList<string> criteria, string? judge = null, string? environment = null, Device? device = null)
    {
        ArgumentNullException.ThrowIfNull(policy);
        var reward = Create(policy.Config.Model, policy.Tokenizer, grader, criteria, policy.Config.Prompt, judge, environment);
        using (no_grad())
        {
            var source = policy.Model.state_dict();
            foreach (var (name, target) in reward.Network.Trunk.state_dict())
            {
                target.copy_(source[name].to(target.device));
            }
        }

        if (device is not null)
        {
            reward.Network.to(device);
        }

        return reward;
    }

    /// <summary>Loads a checkpoint folder onto <paramref name="device"/> (CPU by default).</summary>
    /// <exception cref="CheckpointMismatchException">A file is missing or malformed, or the files disagree; the message names the file.</exception>
    public static RewardModel Load(string folder, Device? device = null)
    {
        var configPath = Path.Combine(folder, ConfigFile);
        var (format, version) = CheckpointFiles.ReadFormat(configPath);
        if (format != RewardModelConfig.FormatName || version != RewardModelConfig.CurrentVersion)
        {
            throw new CheckpointMismatchException($"{configPath}: format {format ?? "(none)"} v{version?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "?"}; this build reads {RewardModelConfig.FormatName} v{RewardModelConfig.CurrentVersion}");
        }

        var config = CheckpointFiles.ReadJson(configPath, RewardJsonContext.Default.RewardModelConfig);

        try
        {
            config.Validate();
        }
        catch (ArgumentException ex)
        {
            throw new CheckpointMismatchException($"{configPath}: {ex.Message.Split(" (Parameter")[0]}", ex);
        }

        var tokenizer = CheckpointFiles.LoadTokenizer(Path.Combine(folder, TokenizerFile), configPath, config.TokenizerHash, config.Model.VocabularySize);
        var weightsPath = Path.Combine(folder, WeightsFileName);
        if (!File.Exists(weightsPath))
        {
            throw new CheckpointMismatchException($"{weightsPath}: missing");
        }

        var network = new RewardNetwork(config.Model, config.Criteria.Count);
        WeightsFile.Load(network, weightsPath, $"{PolicyCheckpoint.Describe(config.Model)} with {config.Criteria.Count} criteria ({string.Join(", ", config.Criteria)}) from {configPath}");
        if (device is not null)
        {
            network.to(device);
        }

        var metadataPath = Path.Combine(folder, MetadataFile);
        var metadata = File.Exists(metadataPath) ? CheckpointFiles.ReadJson(metadataPath, TrainingJsonContext.Default.TrainingMetadata) : null;
        return new RewardModel(config, tokenizer, network, metadata, HashOf(weightsPath));
    }

    /// <summary>Writes the checkpoint folder; training.json goes last, so a folder with it is complete.</summary>
    public void Save(string folder, TrainingMetadata metadata, RewardModelReport? report = null)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        Directory.CreateDirectory(folder);
        File.Delete(Path.Combine(folder, MetadataFile));
        CheckpointFiles.WriteText(Path.Combine(folder, ConfigFile), JsonSerializer.Serialize(Config, RewardJsonContext.Default.RewardModelConfig));
        CheckpointFiles.WriteText(Path.Combine(folder, TokenizerFile), Tokenizer.ToJson());
        var weightsPath = Path.Combine(folder, WeightsFileName);
        WeightsFile.Save(Network, weightsPath);
        if (report is not null)
        {
            CheckpointFiles.WriteText(Path.Combine(folder, ReportFile), report.ToJson());
        }

        CheckpointFiles.WriteText(Path.Combine(folder, MetadataFile), JsonSerializer.Serialize(metadata, TrainingJsonContext.Default.TrainingMetadata));
        Metadata = metadata;
        WeightsHash = HashOf(weightsPath);
    }

    /// <summary>
    /// The conversation's tokens as the model reads them: the visible messages rendered with the chat template (tool calls
    /// and results included, tool declarations not), cut to the last context-length tokens so the end is always seen.
    /// </summary>
    public int[] Encode(IReadOnlyList<ChatMessageRecord> messages)
    {
        ArgumentNullException.ThrowIfNull(messages);
        var ids = Template.Render(ConversationWindows.Visible(messages, Config.Prompt)).Ids;
        var context = Config.Model.ContextLength;
        return ids.Count <= context ? [.. ids] : [.. ids.Skip(ids.Count - context)];
    }

    /// <summary>Scores (batch, criteria) in [0, 1] of encoded conversations, with gradients when they are enabled.</summary>
    public Tensor Predict(IReadOnlyList<int[]> sequences)
    {
        ArgumentNullException.ThrowIfNull(sequences);
        var width = sequences.Max(sequence => sequence.Length);
        var ids = new long[sequences.Count * width];
        var last = new long[sequences.Count];
        for (var row = 0; row < sequences.Count; row++)
        {
            for (var i = 0; i < sequences[row].Length; i++)
            {
                ids[row * width + i] = sequences[row][i];
            }

            last[row] = sequences[row].Length - 1;
        }

        using var scope = NewDisposeScope();
        var device = Network.Device;
        return Network.Forward(tensor(ids, [sequences.Count, width], ScalarType.Int64).to(device), tensor(last).to(device)).MoveToOuterDisposeScope();
    }

    /// <summary>Scores of each conversation, one per criterion in the order of <see cref="Criteria"/>; not thread-safe.</summary>
    public double[][] Score(IReadOnlyList<IReadOnlyList<ChatMessageRecord>> conversations, int batchSize = 16)
    {
        ArgumentNullException.ThrowIfNull(conversations);
        return ScoreEncoded([.. conversations.Select(Encode)], batchSize);
    }

    /// <summary>Scores of encoded conversations (see <see cref="Encode"/>), in batches, without gradients; not thread-safe.</summary>
    public double[][] ScoreEncoded(IReadOnlyList<int[]> sequences, int batchSize = 16)
    {
        ArgumentNullException.ThrowIfNull(sequences);
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        Network.eval();
        using var noGrad = no_grad();
        var scores = new List<double[]>(sequences.Count);
        foreach (var batch in sequences.Chunk(batchSize))
        {
            using var scope = NewDisposeScope();
            var values = Predict(batch).to(ScalarType.Float64).cpu().data<double>().ToArray();
            var count = Criteria.Count;
            for (var row = 0; row < batch.Length; row++)
            {
                scores.Add(values[(row * count)..((row + 1) * count)]);
            }
        }

        return [.. scores];
    }

    /// <inheritdoc />
    public void Dispose() => Network.Dispose();

    private static string HashOf(string path)
    {
        using var stream = File.OpenRead(path);
        return Convert.ToHexStringLower(SHA256.HashData(stream))[..12];
    }
}
