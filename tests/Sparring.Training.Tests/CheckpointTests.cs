using System.Text.Json;
using System.Text.Json.Nodes;
using Sparring.Training.Checkpoints;
using Sparring.Training.Generation;
using static TorchSharp.torch;

namespace Sparring.Training.Tests;

/// <summary>Checkpoint folders: a round trip keeps the model's outputs; files that disagree are refused by name.</summary>
public sealed class CheckpointTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "sparring-ckpt-" + Guid.NewGuid().ToString("N"));

    [Fact]
    public void A_saved_and_loaded_policy_gives_the_same_logits_and_tokens()
    {
        using var policy = TinyPolicy.Create(seed: 5);
        policy.Save(_folder, new TrainingMetadata { Kind = "init", CreatedAt = DateTimeOffset.UnixEpoch, Steps = 3 });

        using var loaded = PolicyCheckpoint.Load(_folder);

        using var ids = tensor(TinyPolicy.Tokenizer.Encode("where is my order #W2378156?").Select(id => (long)id).ToArray()).unsqueeze(0);
        using (no_grad())
        {
            Assert.True(policy.Model.Logits(policy.Model.Hidden(ids)).allclose(loaded.Model.Logits(loaded.Model.Hidden(ids)), 0, 0));
        }

        var request = new GenerationRequest(TinyPolicy.Tokenizer.Encode("hi"), 12, 1f, 1f, 4);
        Assert.Equal(new SequenceGenerator(policy.Model, _ => false).Generate([request])[0].Tokens, new SequenceGenerator(loaded.Model, _ => false).Generate([request])[0].Tokens);
        Assert.Equal(3, loaded.Metadata!.Steps);
        Assert.Equal(policy.Config, loaded.Config);
    }

    [Fact]
    public void A_config_that_does_not_fit_the_weights_names_the_tensor_and_both_shapes()
    {
        using (var policy = TinyPolicy.Create())
        {
            policy.Save(_folder, new TrainingMetadata { Kind = "init", CreatedAt = DateTimeOffset.UnixEpoch });
        }

        var configPath = Path.Combine(_folder, PolicyCheckpoint.ConfigFile);
        var config = JsonNode.Parse(File.ReadAllText(configPath))!;
        config["model"]!["width"] = 64;
        File.WriteAllText(configPath, config.ToJsonString());

        var error = Assert.Throws<CheckpointMismatchException>(() => PolicyCheckpoint.Load(_folder));

        Assert.Contains("checkpoint.bin does not fit a model of 2 layers, width 64", error.Message);
        Assert.Contains("wte.weight has shape [" + TinyPolicy.Tokenizer.VocabularySize + ",32] in the file but [" + TinyPolicy.Tokenizer.VocabularySize + ",64] in the model", error.Message);
    }

    [Fact]
    public void Asking_for_another_shape_or_another_tokenizer_is_refused()
    {
        using (var policy = TinyPolicy.Create())
        {
            policy.Save(_folder, new TrainingMetadata { Kind = "init", CreatedAt = DateTimeOffset.UnixEpoch });
        }

        var shape = Assert.Throws<CheckpointMismatchException>(() => PolicyCheckpoint.Load(_folder, expected: TinyPolicy.Config() with { Layers = 3 }));
        Assert.Contains("the checkpoint is a model of 2 layers", shape.Message);
        Assert.Contains("but 3 layers", shape.Message);

        var other = Sparring.Training.Tokenization.TokenizerTrainer.Train(["something else entirely, with other merges"], TinyPolicy.Tokenizer.VocabularySize);
        other.Save(Path.Combine(_folder, PolicyCheckpoint.TokenizerFile));
        var tokenizer = Assert.Throws<CheckpointMismatchException>(() => PolicyCheckpoint.Load(_folder));
        Assert.Contains("tokenizer.json: hash", tokenizer.Message);
        Assert.Contains("trained with another tokenizer", tokenizer.Message);
    }

    [Fact]
    public void A_folder_without_weights_or_with_a_broken_config_says_which_file()
    {
        using (var policy = TinyPolicy.Create())
        {
            policy.Save(_folder, new TrainingMetadata { Kind = "init", CreatedAt = DateTimeOffset.UnixEpoch });
        }

        File.WriteAllText(Path.Combine(_folder, PolicyCheckpoint.ConfigFile), """{"format":"sparring-policy","version":1,"model":{"vocabularySize":"many"}}""");
        var config = Assert.Throws<CheckpointMismatchException>(() => PolicyCheckpoint.Load(_folder));
        Assert.Contains("config.json: $.model.vocabularySize", config.Message);

        File.Delete(Path.Combine(_folder, PolicyCheckpoint.WeightsFileName));
        File.Delete(Path.Combine(_folder, PolicyCheckpoint.ConfigFile));
        Assert.Contains("config.json: missing", Assert.Throws<CheckpointMismatchException>(() => PolicyCheckpoint.Load(_folder)).Message);
    }

    public void Dispose()
    {
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }
}
