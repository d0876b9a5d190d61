using System.Text.Json;
using Sparring.Training.Tokenization;
using TorchSharp;
using Sparring.Training.Model;
using static TorchSharp.torch;

namespace Sparring.Training.Checkpoints;

/// <summary>
/// A policy as it lives in a checkpoint folder: config.json, tokenizer.json, checkpoint.bin (weights) and
/// training.json. Loading checks that the four agree and fails naming what differs.
/// </summary>
public sealed class PolicyCheckpoint : IDisposable
{
    /// <summary>The model's config file.</summary>
    public const string ConfigFile = "config.json";

    /// <summary>The tokenizer file.</summary>
    public const string TokenizerFile = "tokenizer.json";

    /// <summary>The weights file.</summary>
    public const string WeightsFileName = "checkpoint.bin";

    /// <summary>The training metadata file.</summary>
    public const string MetadataFile = "training.json";

    private PolicyCheckpoint(CheckpointConfig config, Tokenizer tokenizer, CausalTransformer model, TrainingMetadata? metadata)
    {
        Config = config;
        Tokenizer = tokenizer;
        Template = new ChatTemplate(tokenizer);
        Model = model;
        Metadata = metadata;
    }

    /// <summary>The checkpoint's config.</summary>
    public CheckpointConfig Config { get; }

    /// <summary>The tokenizer the model reads.</summary>
    public Tokenizer Tokenizer { get; }

    /// <summary>The chat template over that tokenizer.</summary>
    public ChatTemplate Template { get; }

    /// <summary>The model.</summary>
    public CausalTransformer Model { get; }

    /// <summary>How it was trained; none for a fresh model.</summary>
    public TrainingMetadata? Metadata { get; private set; }

    /// <summary>A freshly initialized policy.</summary>
    public static PolicyCheckpoint Create(TransformerConfig model, Tokenizer tokenizer, PromptOptions? prompt = null, Device? device = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(tokenizer);
        if (model.VocabularySize != tokenizer.VocabularySize)
        {
            throw new CheckpointMismatchException($"model config: vocabularySize is {model.VocabularySize} but the tokenizer has {tokenizer.VocabularySize} tokens");
        }

        var config = new CheckpointConfig { Model = model, TokenizerHash = tokenizer.ContentHash, Prompt = prompt ?? new PromptOptions() };
        var transformer = new CausalTransformer(model);
        if (device is not null)
        {
            transformer.to(device);
        }

        return new PolicyCheckpoint(config, tokenizer, transformer, null);
    }

    /// <summary>Loads a checkpoint folder onto <paramref name="device"/> (CPU by default).</summary>
    /// <param name="folder">The checkpoint folder.</param>
    /// <param name="device">Where the weights go.</param>
    /// <param name="expected">A shape the caller needs; a checkpoint of another shape is refused.</param>
    /// <exception cref="CheckpointMismatchException">A file is missing or the files disagree.</exception>
    public static PolicyCheckpoint Load(string folder, Device? device = null, TransformerConfig? expected = null)
    {
        var configPath = Path.Combine(folder, ConfigFile);
        var config = CheckpointFiles.ReadJson(configPath, TrainingJsonContext.Default.CheckpointConfig);
        if (config.Format != CheckpointConfig.FormatName || config.Version != CheckpointConfig.CurrentVersion)
        {
            throw new CheckpointMismatchException($"{configPath}: format {config.Format} v{config.Version}; this build reads {CheckpointConfig.FormatName} v{CheckpointConfig.CurrentVersion}");
        }

        try
        {
            config.Model.Validate();
        }
        catch (ArgumentException ex)
        {
            throw new CheckpointMismatchException($"{configPath}: {ex.Message}", ex);
        }

        if (expected is not null && expected != config.Model)
        {
            throw new CheckpointMismatchException($"{configPath}: the checkpoint is a model of {Describe(config.Model)}, but {Describe(expected)} was asked for");
        }

        var tokenizer = CheckpointFiles.LoadTokenizer(Path.Combine(folder, TokenizerFile), configPath, config.TokenizerHash, config.Model.VocabularySize);
        var weightsPath = Path.Combine(folder, WeightsFileName);
        if (!File.Exists(weightsPath))
        {
            throw new CheckpointMismatchException($"{weightsPath}: missing");
        }

        var model = new CausalTransformer(config.Model);
        WeightsFile.Load(model, weightsPath, Describe(config.Model));
        if (device is not null)
        {
            model.to(device);
        }

        var metadataPath = Path.Combine(folder, MetadataFile);
        var metadata = File.Exists(metadataPath) ? CheckpointFiles.ReadJson(metadataPath, TrainingJsonContext.Default.TrainingMetadata) : null;
        return new PolicyCheckpoint(config, tokenizer, model, metadata);
    }

    /// <summary>Writes the checkpoint folder; training.json goes last, so a folder with it is complete.</summary>
    public void Save(string folder, TrainingMetadata metadata)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        Directory.CreateDirectory(folder);
        File.Delete(Path.Combine(folder, MetadataFile));
        CheckpointFiles.WriteText(Path.Combine(folder, ConfigFile), JsonSerializer.Serialize(Config, TrainingJsonContext.Default.CheckpointConfig));
        CheckpointFiles.WriteText(Path.Combine(folder, TokenizerFile), Tokenizer.ToJson());
        WeightsFile.Save(Model, Path.Combine(folder, WeightsFileName));
        CheckpointFiles.WriteText(Path.Combine(folder, MetadataFile), JsonSerializer.Serialize(metadata, TrainingJsonContext.Default.TrainingMetadata));
        Metadata = metadata;
    }

    /// <summary>The shape in words, for messages.</summary>
    public static string Describe(TransformerConfig model) =>
        $"{model.Layers} layers, width {model.Width}, {model.Heads} heads, context {model.ContextLength}, vocabulary {model.VocabularySize} ({model.ParameterCount:N0} parameters)";

    /// <inheritdoc />
    public void Dispose() => Model.Dispose();
}
