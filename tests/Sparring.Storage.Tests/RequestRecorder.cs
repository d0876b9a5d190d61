using System.Collections.Concurrent;
using Azure.Core;
using Azure.Core.Pipeline;

namespace Sparring.Storage.Tests;

/// <summary>Records every request a client sends, to count downloads and listing pages.</summary>
internal sealed class RequestRecorder : HttpPipelinePolicy
{
    private readonly ConcurrentQueue<(string Method, string PathAndQuery)> _requests = new();

    /// <summary>GETs of a blob's content (not listings, not properties).</summary>
    public int Downloads => _requests.Count(r => r.Method == "GET" && !r.PathAndQuery.Contains("comp=list", StringComparison.Ordinal));

    /// <summary>Listing pages asked for.</summary>
    public int ListPages => _requests.Count(r => r.Method == "GET" && r.PathAndQuery.Contains("comp=list", StringComparison.Ordinal));

    public void Clear() => _requests.Clear();

    public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        Record(message);
        ProcessNext(message, pipeline);
    }

    public override ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        Record(message);
        return ProcessNextAsync(message, pipeline);
    }

    private void Record(HttpMessage message) =>
        _requests.Enqueue((message.Request.Method.Method, message.Request.Uri.Path + message.Request.Uri.Query));
}
