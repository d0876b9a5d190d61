using Sparring.Abstractions.Trajectories;
using Sparring.Engine.Grading;
using Sparring.Training.Checkpoints;

namespace Sparring.Training.Rewards;

/// <summary>
/// A reward model behind the engine's <see cref="IRubricScorer"/>, so episodes (PPO rollouts, evaluations) score
/// llm_rubric graders without the judge. Concurrent requests take turns on one lock: a tiny model scores a conversation
/// in milliseconds, well under an episode's own time.
/// </summary>
public sealed class RewardModelScorer : IRubricScorer, IDisposable
{
    /// <summary>The <see cref="ModelIdentity.Kind"/> of reward models, as trajectories record them.</summary>
    public const string IdentityKind = "reward-model";

    private readonly RewardModel _model;
    private readonly Lock _gate = new();

    /// <summary>Scores with <paramref name="model"/>, which the scorer owns from now on; <paramref name="name"/> names it (its folder).</summary>
    public RewardModelScorer(RewardModel model, string name)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        _model = model;
        Identity = new ModelIdentity(IdentityKind, model.WeightsHash is { } version ? $"{name}@{version}" : name);
    }

    /// <inheritdoc />
    public ModelIdentity Identity { get; }

    /// <inheritdoc />
    public IReadOnlyList<string> Criteria => _model.Criteria;

    /// <summary>Loads the checkpoint folder as a scorer named by the folder.</summary>
    /// <exception cref="CheckpointMismatchException">The folder is not a complete reward model checkpoint; the message names the file.</exception>
    public static RewardModelScorer Load(string folder) => new(RewardModel.Load(folder), folder);

    /// <inheritdoc />
    public Task<IReadOnlyDictionary<string, double>> ScoreAsync(IReadOnlyList<ChatMessageRecord> messages, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(messages);
        cancellationToken.ThrowIfCancellationRequested();
        var ids = _model.Encode(messages);
        double[] scores;
        lock (_gate)
        {
            scores = _model.ScoreEncoded([ids])[0];
        }

        IReadOnlyDictionary<string, double> byCriterion = _model.Criteria.Select((criterion, i) => (criterion, i)).ToDictionary(p => p.criterion, p => scores[p.i], StringComparer.Ordinal);
        return Task.FromResult(byCriterion);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        lock (_gate)
        {
            _model.Dispose();
        }
    }
}
