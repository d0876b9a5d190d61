namespace Sparring.Cli.ReportPages;

/// <summary>Writes a rendered report page to a local file.</summary>
internal static class ReportPageFile
{
    /// <summary>Writes <paramref name="page"/> to <paramref name="path"/> whole or not at all: a reader never opens half a page.</summary>
    public static async Task WriteAsync(string path, byte[] page, CancellationToken cancellationToken)
    {
        if (Path.GetDirectoryName(path) is { Length: > 0 } directory)
        {
            Directory.CreateDirectory(directory);
        }

        var temporary = $"{path}.{Guid.NewGuid():N}.partial";
        await File.WriteAllBytesAsync(temporary, page, cancellationToken).ConfigureAwait(false);
        File.Move(temporary, path, overwrite: true);
    }
}
