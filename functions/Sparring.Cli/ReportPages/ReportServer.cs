using System.Net;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Sparring.Abstractions.Storage;

namespace Sparring.Cli.ReportPages;

/// <summary>A Kestrel server answering GET / (and /report.html) with one rendered report page; anything else is 404.</summary>
internal sealed class ReportServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private ReportServer(WebApplication app, Uri address)
    {
        _app = app;
        Address = address;
    }

    /// <summary>The page's address, e.g. http://127.0.0.1:8080/.</summary>
    public Uri Address { get; }

    /// <summary>Starts serving <paramref name="page"/> on <paramref name="host"/>:<paramref name="port"/> (0 picks a free port).</summary>
    public static async Task<ReportServer> StartAsync(byte[] page, string host, int port, ILoggerFactory logging, CancellationToken cancellationToken)
    {
        if (!IPAddress.TryParse(host, out var address) && !string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase))
        {
            throw new CliException($"--host: '{host}' is not an IP address or localhost");
        }

        // An empty builder: no appsettings or ASPNETCORE_* variables can move the port.
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions { ApplicationName = typeof(ReportServer).Assembly.GetName().Name });
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            if (address is null)
            {
                kestrel.ListenLocalhost(port);
            }
            else
            {
                kestrel.Listen(address, port);
            }
        });
        builder.Services.AddSingleton(logging);
        builder.Services.AddSingleton(typeof(ILogger<>), typeof(Logger<>));
        var app = builder.Build();
        app.Run(async context =>
        {
            if (!HttpMethods.IsGet(context.Request.Method) && !HttpMethods.IsHead(context.Request.Method))
            {
                context.Response.StatusCode = StatusCodes.Status405MethodNotAllowed;
                return;
            }

            if (context.Request.Path != "/" && context.Request.Path != "/" + RunFiles.Page)
            {
                context.Response.StatusCode = StatusCodes.Status404NotFound;
                context.Response.ContentType = "text/plain; charset=utf-8";
                await context.Response.WriteAsync("Not found: the report is at /", Encoding.UTF8, context.RequestAborted).ConfigureAwait(false);
                return;
            }

            context.Response.ContentType = "text/html; charset=utf-8";
            context.Response.ContentLength = page.Length;
            context.Response.Headers.CacheControl = "no-store";
            if (HttpMethods.IsGet(context.Request.Method))
            {
                await context.Response.Body.WriteAsync(page, context.RequestAborted).ConfigureAwait(false);
            }
        });

        try
        {
            await app.StartAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (IOException ex)
        {
            await app.DisposeAsync().ConfigureAwait(false);
            throw new CliException($"cannot listen on {host}:{port}: {ex.Message}");
        }

        return new ReportServer(app, new UriBuilder(new Uri(app.Urls.First())) { Path = "/" }.Uri);
    }

    /// <summary>Stops the server and releases it.</summary>
    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync(CancellationToken.None).ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }
}
