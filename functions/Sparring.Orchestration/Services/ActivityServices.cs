using Sparring.Abstractions.Metering;
using Sparring.Abstractions.Storage;

namespace Sparring.Orchestration.Services;

/// <summary>What the activities are made with, for hosts that construct them by hand rather than through DI.</summary>
/// <param name="Environments">Loads and caches environments.</param>
/// <param name="Runners">Episode runners per environment and models.</param>
/// <param name="Store">Where trajectories, reports and files go.</param>
/// <param name="Meter">Where finished episodes' usage is recorded and quotas read; <see cref="NoUsageMeter"/> for a host that meters nothing.</param>
/// <param name="Notifier">Completion callbacks; null where runs never ask for one (the CLI's local runs).</param>
public sealed record ActivityServices(EnvironmentCatalog Environments, EpisodeRunners Runners, ITrajectoryStore Store, IUsageMeter Meter, IRunCompletionNotifier? Notifier = null);
