using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Sparring.Serving.Endpoints;
using Sparring.Serving.Models;

namespace Sparring.Serving.Hosting;

/// <summary>
/// A Kestrel server answering OpenAI's /v1/chat/completions and /v1/models for a set of chat clients: start it,
/// read <see cref="BaseAddress"/>, stop or dispose it. It does not own the models.
/// </summary>
public sealed class ChatCompletionsServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private ChatCompletionsServer(WebApplication app, Uri baseAddress)
    {
        _app = app;
        BaseAddress = baseAddress;
    }

    /// <summary>The address clients use as their OpenAI base URL, e.g. http://127.0.0.1:8000/v1/.</summary>
    public Uri BaseAddress { get; }

    /// <summary>
    /// Starts serving <paramref name="models"/>. Throws <see cref="ArgumentException"/> for a host that is not an
    /// IP address, "localhost" or "*", and <see cref="IOException"/> when the port cannot be bound.
    /// </summary>
    public static async Task<ChatCompletionsServer> StartAsync(IServedModels models, ChatCompletionsServerOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(models);
        ArgumentNullException.ThrowIfNull(options);
        var listen = Listener(options.Host, options.Port);

        // An empty builder: no appsettings, command line or ASPNETCORE_* variables can move the port or the logs.
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions { ApplicationName = typeof(ChatCompletionsServer).Assembly.GetName().Name });
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            listen(kestrel);
        });
        builder.Services.AddRoutingCore();
        builder.Services.AddSingleton(options.LoggerFactory ?? NullLoggerFactory.Instance);
        builder.Services.AddSingleton(typeof(ILogger<>), typeof(Logger<>));
        builder.Services.AddSingleton(options.TimeProvider ?? TimeProvider.System);
        builder.Services.Configure<HostOptions>(host => host.ShutdownTimeout = options.ShutdownTimeout);

        var app = builder.Build();
        app.UseRouting();
        app.MapChatCompletions(models);
        try
        {
            await app.StartAsync(cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await app.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        // With port 0 only the started server knows its port.
        var bound = new Uri(app.Urls.First());
        return new ChatCompletionsServer(app, new UriBuilder(bound) { Host = options.Host is "*" or "+" or "0.0.0.0" ? "127.0.0.1" : bound.Host, Path = "/v1/" }.Uri);
    }

    /// <summary>Stops listening; requests in flight are cancelled and given <see cref="ChatCompletionsServerOptions.ShutdownTimeout"/> to end.</summary>
    public Task StopAsync(CancellationToken cancellationToken = default) => _app.StopAsync(cancellationToken);

    /// <summary>Stops the server if it runs and releases it.</summary>
    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync(CancellationToken.None).ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }

    private static Action<KestrelServerOptions> Listener(string host, int port)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(host);
        ArgumentOutOfRangeException.ThrowIfNegative(port);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(port, IPEndPoint.MaxPort);
        if (host is "*" or "+" or "0.0.0.0")
        {
            return kestrel => kestrel.ListenAnyIP(port);
        }

        if (string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase))
        {
            return port == 0
                ? throw new ArgumentException("Port 0 (any free port) needs an IP address such as 127.0.0.1, not localhost.", nameof(port))
                : kestrel => kestrel.ListenLocalhost(port);
        }

        return IPAddress.TryParse(host, out var address)
            ? kestrel => kestrel.Listen(address, port)
            : throw new ArgumentException($"The host '{host}' is not an IP address, localhost or *.", nameof(host));
    }
}
