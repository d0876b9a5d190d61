using Sparring.Abstractions.Storage;
using Sparring.Orchestration.Services;

namespace Sparring.Functions.Nightly;

/// <summary>
/// Stored checkpoints as the GPU worker serves them: <c>served:{name}@{version}</c>, a model of the worker's
/// OpenAI-compatible endpoint (<c>Sparring:Served:Endpoint</c>), apart from the LLM provider of mock users and judges.
/// </summary>
public sealed class ServedPolicies : IPolicyResolver
{
    /// <inheritdoc />
    public Task<string> PolicyNameAsync(string tenant, ModelReference model, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(model);
        return Task.FromResult($"{Models.ModelNames.ServedPrefix}{model}");
    }
}
