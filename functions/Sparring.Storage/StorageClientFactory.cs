using Azure.Core;
using Azure.Identity;
using Azure.Storage.Blobs;

namespace Sparring.Storage;

/// <summary>
/// Creates the container client every store and source uses, from a connection string (Azurite, an account key)
/// or from a service URI with DefaultAzureCredential (managed identity in Azure, the developer's login locally).
/// </summary>
public static class StorageClientFactory
{
    /// <summary>Client options with the retry policy and network timeout of <paramref name="options"/>.</summary>
    public static BlobClientOptions CreateClientOptions(StorageOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var clientOptions = new BlobClientOptions();
        clientOptions.Retry.Mode = RetryMode.Exponential;
        clientOptions.Retry.MaxRetries = options.MaxRetries;
        clientOptions.Retry.Delay = options.RetryDelay;
        clientOptions.Retry.MaxDelay = options.MaxRetryDelay;
        clientOptions.Retry.NetworkTimeout = options.NetworkTimeout;
        return clientOptions;
    }

    /// <summary>The container client chosen by <paramref name="options"/>; the container itself is created on first write.</summary>
    public static BlobContainerClient CreateContainerClient(StorageOptions options) =>
        CreateContainerClient(options, CreateClientOptions(options));

    /// <summary>The same, with client options the caller adjusted (a pipeline policy, diagnostics).</summary>
    public static BlobContainerClient CreateContainerClient(StorageOptions options, BlobClientOptions clientOptions)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(clientOptions);
        ValidateContainerName(options.Container);
        var service = (options.ConnectionString, options.ServiceUri) switch
        {
            ({ } connectionString, null) => new BlobServiceClient(connectionString, clientOptions),
            (null, { } serviceUri) => new BlobServiceClient(serviceUri, new DefaultAzureCredential(), clientOptions),
            (null, null) => throw new InvalidOperationException(
                $"No storage is configured: set {StorageOptions.SectionName}:ConnectionString (e.g. Azurite's, printed by scripts/azurite.sh start) or {StorageOptions.SectionName}:ServiceUri (with DefaultAzureCredential)."),
            _ => throw new InvalidOperationException(
                $"Both {StorageOptions.SectionName}:ConnectionString and {StorageOptions.SectionName}:ServiceUri are set; set only one."),
        };
        return service.GetBlobContainerClient(options.Container);
    }

    private static void ValidateContainerName(string container)
    {
        // Blob's own rule: 3-63 lowercase letters, digits and single dashes, starting and ending with a letter or digit.
        var valid = container is { Length: >= 3 and <= 63 }
            && container.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-')
            && container[0] != '-' && container[^1] != '-'
            && !container.Contains("--", StringComparison.Ordinal);
        if (!valid)
        {
            throw new InvalidOperationException(
                $"{StorageOptions.SectionName}:Container '{container}' is not a valid container name: 3-63 lowercase letters, digits and single dashes, starting and ending with a letter or digit.");
        }
    }
}
