using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Sparring.Engine.Chat;
using Sparring.Engine.Environments;
using Sparring.Engine.Episodes;
using Sparring.Engine.Grading;
using Sparring.Orchestration.Contracts;

namespace Sparring.Orchestration.Services;

/// <summary>One episode runner per environment and model selection, shared by every activity of the process.</summary>
public sealed class EpisodeRunners(IModelCatalog models, TimeProvider timeProvider, ILoggerFactory logging)
{
    private readonly ConcurrentDictionary<(string Hash, ModelSelection Models), EpisodeRunner> _runners = new();

    /// <summary>The runner for <paramref name="environment"/> with the named models.</summary>
    public EpisodeRunner Get(LoadedEnvironment environment, ModelSelection selection)
    {
        ArgumentNullException.ThrowIfNull(environment);
        ArgumentNullException.ThrowIfNull(selection);
        return _runners.GetOrAdd((environment.ContentHash, selection), _ => new EpisodeRunner(
            environment,
            models.Policy(selection.Policy, environment),
            environment.Users?.TryCreate(selection.User, models.Users) ?? models.Users(selection.User),
            new EpisodeGrader(environment.Spec, models.Judge(selection.Judge), models.RubricScorer(selection.Judge)),
            timeProvider,
            logging.CreateLogger<EpisodeRunner>(),
            TransientFaults.IsTransient));
    }
}
