using Sparring.Abstractions.Storage;

namespace Sparring.Orchestration.Services;

/// <summary>The policy name evaluation runs use for a stored checkpoint: the worker's served model in Azure, a local folder in the CLI.</summary>
public interface IPolicyResolver
{
    /// <summary>A name the host's model catalog resolves to <paramref name="model"/> of <paramref name="tenant"/>.</summary>
    Task<string> PolicyNameAsync(string tenant, ModelReference model, CancellationToken cancellationToken);
}
