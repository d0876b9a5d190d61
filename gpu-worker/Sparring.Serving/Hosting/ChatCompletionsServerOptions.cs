using Microsoft.Extensions.Logging;

namespace Sparring.Serving.Hosting;

/// <summary>Where a <see cref="ChatCompletionsServer"/> listens and what it logs to.</summary>
public sealed record ChatCompletionsServerOptions
{
    /// <summary>An IP address, "localhost", or "*" for every interface; loopback by default.</summary>
    public string Host { get; init; } = "127.0.0.1";

    /// <summary>The TCP port; 0 picks a free one (not with "localhost"), which <see cref="ChatCompletionsServer.BaseAddress"/> then tells.</summary>
    public int Port { get; init; } = 8000;

    /// <summary>Where request logs and Kestrel's own go; none when null.</summary>
    public ILoggerFactory? LoggerFactory { get; init; }

    /// <summary>The clock for created timestamps; the system clock when null.</summary>
    public TimeProvider? TimeProvider { get; init; }

    /// <summary>How long a stop waits for requests in flight (which are cancelled) to finish.</summary>
    public TimeSpan ShutdownTimeout { get; init; } = TimeSpan.FromSeconds(5);
}
