using Sparring.Abstractions.Storage;

namespace Sparring.Storage;

/// <summary>Environments that are already local folders (or spec files): the reference's path, once checked to exist.</summary>
public sealed class FolderEnvironmentSource : IEnvironmentSource
{
    /// <inheritdoc />
    public Task<string> MaterializeAsync(string tenant, EnvironmentReference reference, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(reference);
        cancellationToken.ThrowIfCancellationRequested();
        if (reference.Path is not { } path)
        {
            throw new ArgumentException(
                $"Environment reference '{reference}' has no path: a folder environment source reads local folders (a name and version are read by {nameof(BlobEnvironmentSource)}).",
                nameof(reference));
        }

        if (!Directory.Exists(path) && !File.Exists(path))
        {
            throw new EnvironmentNotFoundException($"Environment folder or spec file '{Path.GetFullPath(path)}' does not exist.");
        }

        return Task.FromResult(path);
    }
}
