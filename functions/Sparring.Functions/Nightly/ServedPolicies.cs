using Sparring.Abstractions.Storage;
using Sparring.Orchestration.Services;

namespace Sparring.Functions.Nightly;

/// <summary>
/// Stored checkpoints as the GPU worker serves them: <c>openai:{name}@{version}</c>, a model of the OpenAI-compatible
/// endpoint the app's <c>Sparring:Llm</c> settings point at (the worker's /v1).
/// </summary>
public sealed class ServedPolicies : IPolicyResolver
{
    /// <inheritdoc />
    public Task<string> PolicyNameAsync(string tenant, ModelReference model, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(model);
        return Task.FromResult($"openai:{model}");
    }
}
