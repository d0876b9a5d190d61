using System.Diagnostics;

namespace Sparring.Storage;

/// <summary>Starts the repository's Azurite (scripts/azurite.sh) for local tools that want Blob storage and have none configured.</summary>
public static class LocalAzurite
{
    /// <summary>The connection string of the running (or just started) Azurite.</summary>
    public static async Task<string> StartAsync(CancellationToken cancellationToken)
    {
        var script = FindScript() ?? throw new InvalidOperationException("No storage is configured (Sparring__Storage__ConnectionString) and scripts/azurite.sh is not found above this folder: configure storage or run from the repository.");
        using var process = Process.Start(new ProcessStartInfo("bash", [script, "start"]) { RedirectStandardOutput = true, RedirectStandardError = true })
            ?? throw new InvalidOperationException("Could not start bash to run scripts/azurite.sh.");
        var output = await process.StandardOutput.ReadToEndAsync(cancellationToken).ConfigureAwait(false);
        var errors = await process.StandardError.ReadToEndAsync(cancellationToken).ConfigureAwait(false);
        await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
        var connection = output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).LastOrDefault(l => l.StartsWith("DefaultEndpointsProtocol=", StringComparison.Ordinal));
        return process.ExitCode == 0 && connection is not null
            ? connection
            : throw new InvalidOperationException($"scripts/azurite.sh start failed: {errors.Trim()}{output.Trim()}");
    }

    private static string? FindScript()
    {
        for (var directory = new DirectoryInfo(Directory.GetCurrentDirectory()); directory is not null; directory = directory.Parent)
        {
            var script = Path.Combine(directory.FullName, "scripts", "azurite.sh");
            if (File.Exists(script))
            {
                return script;
            }
        }

        return null;
    }
}
