using Microsoft.DurableTask.Client;
using Sparring.Orchestration.Contracts;

namespace Sparring.Functions.Http;

/// <summary>A run of the caller's tenant, as <see cref="RunLookup"/> found it: its orchestration and the request that started it.</summary>
/// <param name="Orchestration">The run's orchestration, with its input and output.</param>
/// <param name="Request">The run's request, which names its tenant.</param>
internal sealed record FoundRun(OrchestrationMetadata Orchestration, EvaluationRunRequest Request);
