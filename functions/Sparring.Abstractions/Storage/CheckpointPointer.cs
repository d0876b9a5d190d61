namespace Sparring.Abstractions.Storage;

/// <summary>The content of {tenant}/models/{name}/current: which version of the model is current, and since when.</summary>
/// <param name="Name">The model's name.</param>
/// <param name="Version">The current version.</param>
/// <param name="UpdatedAt">When the pointer was set.</param>
public sealed record CheckpointPointer(string Name, string Version, DateTimeOffset UpdatedAt)
{
    /// <summary>The pointer's name beside the model's versions.</summary>
    public const string FileName = ModelReference.Current;
}
