using Sparring.Abstractions.Trajectories;

namespace Sparring.Orchestration.Contracts;

/// <summary>What an orchestrator needs to know of an environment to plan a run: its identity and its scenarios.</summary>
public sealed record EnvironmentOutline(EnvironmentIdentity Identity, IReadOnlyList<ScenarioOutline> Scenarios);

/// <summary>A scenario's id and split.</summary>
public sealed record ScenarioOutline(string Id, string Split);

/// <summary>Input of the LoadEnvironment activity.</summary>
public sealed record LoadEnvironmentRequest(string Tenant, Abstractions.Storage.EnvironmentReference Environment);
