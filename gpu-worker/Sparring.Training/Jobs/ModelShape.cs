using Sparring.Training.Model;
using Sparring.Abstractions.TrainingJobs;

namespace Sparring.Training.Jobs;

/// <summary>The shape hyperparameters of a model trained from scratch: layers, width, heads, context and vocabulary.</summary>
internal sealed record ModelShape(int Layers, int Width, int Heads, int Context, int Vocabulary, int InitSeed)
{
    private static readonly string[] Names = ["layers", "width", "heads", "context", "vocabulary"];

    /// <summary>
    /// Reads the shape, with these defaults, when the job has no base checkpoint; with one, the base decides the shape
    /// and setting any of these names fails the job.
    /// </summary>
    public static ModelShape? Read(Hyperparameters hyperparameters, TrainingJob job, ModelShape defaults)
    {
        if (job.BaseCheckpoint is { } baseCheckpoint)
        {
            var set = Names.Where(hyperparameters.Has).ToList();
            return set.Count == 0
                ? null
                : throw new PermanentJobFailureException($"hyperparameter '{set[0]}' shapes a new model, but the job starts from baseCheckpoint {baseCheckpoint}, whose shape it keeps");
        }

        return new ModelShape(
            hyperparameters.Int("layers", defaults.Layers),
            hyperparameters.Int("width", defaults.Width),
            hyperparameters.Int("heads", defaults.Heads),
            hyperparameters.Int("context", defaults.Context),
            hyperparameters.Int("vocabulary", defaults.Vocabulary),
            hyperparameters.Int("seed", defaults.InitSeed));
    }

    /// <summary>The transformer config for a tokenizer of <paramref name="vocabularySize"/> tokens.</summary>
    public TransformerConfig Config(int vocabularySize)
    {
        var config = new TransformerConfig { VocabularySize = vocabularySize, ContextLength = Context, Layers = Layers, Width = Width, Heads = Heads, InitSeed = InitSeed };
        try
        {
            config.Validate();
        }
        catch (ArgumentException ex)
        {
            throw new PermanentJobFailureException($"hyperparameters: {ex.Message.Split(" (Parameter")[0]}", ex);
        }

        return config;
    }
}
