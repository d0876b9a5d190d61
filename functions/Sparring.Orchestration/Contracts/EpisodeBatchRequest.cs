using Sparring.Abstractions.Storage;
using Sparring.Engine.Episodes;

namespace Sparring.Orchestration.Contracts;

/// <summary>One batch of a run's episodes, run by an EpisodeBatch sub-orchestration.</summary>
/// <param name="Run">The run's settings every episode shares.</param>
/// <param name="Index">The batch number, which names its summaries file.</param>
/// <param name="Episodes">The episodes of the batch (at most 100).</param>
/// <param name="MaxInFlight">Most episodes of this batch in flight at once.</param>
public sealed record EpisodeBatchRequest(EpisodeRunSettings Run, int Index, IReadOnlyList<EpisodeWorkItem> Episodes, int MaxInFlight);

/// <summary>What every episode of a run shares.</summary>
public sealed record EpisodeRunSettings(RunKey Run, EnvironmentReference Environment, ModelSelection Models);

/// <summary>One episode: scenario, repetition and seed.</summary>
public sealed record EpisodeWorkItem(string ScenarioId, int Repetition, long Seed)
{
    /// <summary>The episode id, as the engine names it.</summary>
    public string EpisodeId => EpisodeRequest.IdOf(ScenarioId, Repetition);
}

/// <summary>Input of the RunEpisode activity.</summary>
public sealed record RunEpisodeRequest(EpisodeRunSettings Settings, EpisodeWorkItem Episode);

/// <summary>What a batch reports to its run: counts and the reward sum, its summaries being stored apart.</summary>
public sealed record BatchOutcome(int Index, int Episodes, int Failed, double RewardTotal);

/// <summary>Input of the SaveBatchSummaries activity.</summary>
public sealed record SaveBatchSummariesRequest(RunKey Run, int Index, IReadOnlyList<Abstractions.Trajectories.EpisodeSummary> Summaries);
