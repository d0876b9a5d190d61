using System.Text.Json;
using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Storage.Blobs;
using Sparring.Abstractions.Json;
using Sparring.Abstractions.Reports;

namespace Sparring.Storage.Tests;

/// <summary>
/// Another writer that gets in first: just before the store's upload of report.json is sent, it writes its own
/// report through a separate client, so the store's ETag condition no longer holds.
/// </summary>
internal sealed class ReportInterloper(BlobClient otherWriter, RunReport theirs, int times) : HttpPipelinePolicy
{
    private int _remaining = times;
    private int _reportUploads;

    /// <summary>How many uploads of report.json the store sent.</summary>
    public int ReportUploads => _reportUploads;

    public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline) =>
        ProcessAsync(message, pipeline).AsTask().GetAwaiter().GetResult();

    public override async ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        if (message.Request.Method == RequestMethod.Put && message.Request.Uri.Path.EndsWith("/report.json", StringComparison.Ordinal))
        {
            Interlocked.Increment(ref _reportUploads);
            if (Interlocked.Decrement(ref _remaining) >= 0)
            {
                var content = BinaryData.FromBytes(JsonSerializer.SerializeToUtf8Bytes(theirs, SparringJsonContext.Default.RunReport));
                await otherWriter.UploadAsync(content, overwrite: true).ConfigureAwait(false);
            }
        }

        await ProcessNextAsync(message, pipeline).ConfigureAwait(false);
    }
}
