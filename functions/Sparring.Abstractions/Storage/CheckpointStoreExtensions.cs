namespace Sparring.Abstractions.Storage;

/// <summary>What every <see cref="ICheckpointStore"/> does the same way on top of its own methods.</summary>
public static class CheckpointStoreExtensions
{
    /// <summary>
    /// Turns "name@version" or "name@current" into the checkpoint it names: "current" through the model's pointer,
    /// and either way only a version stored complete.
    /// </summary>
    /// <exception cref="FormatException">The text is not "name@version" or "name@current".</exception>
    /// <exception cref="CheckpointNotFoundException">The model has no current version, or the version is not stored complete.</exception>
    public static async Task<ModelReference> ResolveAsync(this ICheckpointStore store, string tenant, string reference, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        var (name, version) = ModelReference.Split(reference);
        if (version == ModelReference.Current)
        {
            return await store.GetCurrentAsync(tenant, name, cancellationToken).ConfigureAwait(false)
                ?? throw new CheckpointNotFoundException($"Model '{name}' of tenant {tenant} has no current version: {tenant}/models/{name}/{CheckpointPointer.FileName} is not set.");
        }

        var model = new ModelReference(name, version);
        return await store.ExistsAsync(tenant, model, cancellationToken).ConfigureAwait(false)
            ? model
            : throw new CheckpointNotFoundException($"Checkpoint {model} of tenant {tenant} is not stored: no complete checkpoint under {tenant}/models/{name}/{version}/.");
    }
}
