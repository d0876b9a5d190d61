using Microsoft.Extensions.AI;

namespace Sparring.Serving.Models;

/// <summary>The models a server answers for: model id → chat client.</summary>
public interface IServedModels
{
    /// <summary>The served model ids, in the order GET /v1/models lists them.</summary>
    IReadOnlyList<string> Ids { get; }

    /// <summary>The client serving <paramref name="modelId"/> (loading it on first use if need be), or null when no such model is served.</summary>
    ValueTask<IChatClient?> FindAsync(string modelId, CancellationToken cancellationToken);
}
