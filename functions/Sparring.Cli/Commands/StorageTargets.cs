using Microsoft.Extensions.Configuration;
using Spectre.Console;
using Sparring.Storage;

namespace Sparring.Cli.Commands;

/// <summary>Turns --out into a storage target: a folder, or Blob storage (the configured account, else the repository's Azurite).</summary>
internal static class StorageTargets
{
    /// <summary>The target of <paramref name="output"/>, starting Azurite only when Blob storage is asked for and none is configured.</summary>
    public static Task<StorageTarget> ResolveAsync(string output, IConfiguration configuration, IAnsiConsole console, CancellationToken cancellationToken) =>
        ResolveAsync(output, configuration, () => ConnectionStringAsync(configuration, console, cancellationToken));

    /// <summary>The target of <paramref name="output"/>, with the connection string from <paramref name="connection"/> when needed.</summary>
    public static async Task<StorageTarget> ResolveAsync(string output, IConfiguration configuration, Func<Task<string>> connection)
    {
        if (output != "azurite")
        {
            return StorageTarget.Folder(output);
        }

        var options = StorageOptions.FromConfiguration(configuration);
        if (options.ServiceUri is null)
        {
            options.ConnectionString = await connection().ConfigureAwait(false);
        }

        return StorageTarget.Blob(StorageClientFactory.CreateContainerClient(options));
    }

    /// <summary>The configured connection string, or the repository's Azurite, started if it is not running.</summary>
    public static async Task<string> ConnectionStringAsync(IConfiguration configuration, IAnsiConsole console, CancellationToken cancellationToken)
    {
        if (StorageOptions.FromConfiguration(configuration).ConnectionString is { } configured)
        {
            return configured;
        }

        string connection;
        try
        {
            connection = await LocalAzurite.StartAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (InvalidOperationException ex)
        {
            throw new CliException(ex.Message);
        }

        console.WriteLine("No storage connection string is configured: using the repository's Azurite (stop it with scripts/azurite.sh stop).");
        return connection;
    }
}
