using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Sparring.Tests;

/// <summary>
/// Starts a real Azurite (Blob, Queue, Table) from the repository's node_modules on free ports it picks itself,
/// with its data in a temporary folder, and kills it (process tree) on dispose. Share one per test assembly with
/// <c>[Collection(AzuriteCollection.Name)]</c>; link tests/Shared/Azurite/*.cs into the test project to use it.
/// </summary>
public sealed class AzuriteFixture : IAsyncLifetime
{
    /// <summary>Azurite's well-known development account key; public, and it grants nothing outside the emulator.</summary>
    public const string AccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    /// <summary>Azurite's development account name.</summary>
    public const string AccountName = "devstoreaccount1";

    private const int StartAttempts = 3;
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);

    private readonly Queue<string> _output = new();
    private Process? _process;
    private string? _dataFolder;

    /// <summary>The Blob service's port.</summary>
    public int BlobPort { get; private set; }

    /// <summary>The Queue service's port.</summary>
    public int QueuePort { get; private set; }

    /// <summary>The Table service's port.</summary>
    public int TablePort { get; private set; }

    /// <summary>A full connection string naming all three endpoints (the SDKs and DurableTask's Azure Storage backend take it).</summary>
    public string ConnectionString =>
        $"DefaultEndpointsProtocol=http;AccountName={AccountName};AccountKey={AccountKey};" +
        $"BlobEndpoint=http://127.0.0.1:{BlobPort}/{AccountName};QueueEndpoint=http://127.0.0.1:{QueuePort}/{AccountName};" +
        $"TableEndpoint=http://127.0.0.1:{TablePort}/{AccountName};";

    /// <inheritdoc />
    public async Task InitializeAsync()
    {
        var entry = Path.Combine(RepositoryPaths.Root, "node_modules", "azurite", "dist", "src", "azurite.js");
        if (!File.Exists(entry))
        {
            throw new InvalidOperationException(
                $"Azurite is not installed ({entry} is missing): run 'npm ci' in {RepositoryPaths.Root} first ('bash .ci/run' does it before the tests).");
        }

        for (var attempt = 1; ; attempt++)
        {
            // Another process can take a port between picking it and Azurite binding it: then start again on new ones.
            var ports = FreePorts(3);
            (BlobPort, QueuePort, TablePort) = (ports[0], ports[1], ports[2]);
            _dataFolder = Directory.CreateTempSubdirectory("sparring-azurite-").FullName;
            _process = Start(entry, _dataFolder);
            if (await WaitUntilListeningAsync(_process).ConfigureAwait(false))
            {
                return;
            }

            var output = Output();
            await DisposeAsync().ConfigureAwait(false);
            if (attempt == StartAttempts || !output.Contains("EADDRINUSE", StringComparison.Ordinal))
            {
                throw new InvalidOperationException($"Azurite did not start on ports {BlobPort}/{QueuePort}/{TablePort} (attempt {attempt}). Its output:\n{output}");
            }
        }
    }

    /// <inheritdoc />
    public async Task DisposeAsync()
    {
        if (_process is { } process)
        {
            _process = null;
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
                await process.WaitForExitAsync(timeout.Token).ConfigureAwait(false);
            }

            process.Dispose();
        }

        if (_dataFolder is { } folder && Directory.Exists(folder))
        {
            _dataFolder = null;
            Directory.Delete(folder, recursive: true);
        }
    }

    private Process Start(string entry, string dataFolder)
    {
        var start = new ProcessStartInfo("node")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = dataFolder,
        };
        foreach (var argument in new[]
        {
            entry,
            "--blobHost", "127.0.0.1", "--blobPort", BlobPort.ToString(CultureInfo.InvariantCulture),
            "--queueHost", "127.0.0.1", "--queuePort", QueuePort.ToString(CultureInfo.InvariantCulture),
            "--tableHost", "127.0.0.1", "--tablePort", TablePort.ToString(CultureInfo.InvariantCulture),
            "--location", dataFolder,
            // --disableTelemetry also makes Azurite honour SIGTERM; --loose accepts headers it does not implement.
            "--skipApiVersionCheck", "--disableTelemetry", "--loose",
        })
        {
            start.ArgumentList.Add(argument);
        }

        Process process;
        try
        {
            process = Process.Start(start) ?? throw new InvalidOperationException("node did not start.");
        }
        catch (Win32Exception ex)
        {
            throw new InvalidOperationException("Azurite needs Node.js: 'node' was not found on the PATH.", ex);
        }

        process.OutputDataReceived += (_, e) => Record(e.Data);
        process.ErrorDataReceived += (_, e) => Record(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private async Task<bool> WaitUntilListeningAsync(Process process)
    {
        var deadline = Stopwatch.StartNew();
        var waiting = new List<int> { BlobPort, QueuePort, TablePort };
        while (deadline.Elapsed < StartTimeout && !process.HasExited)
        {
            foreach (var port in waiting.ToList())
            {
                if (await AcceptsAsync(port).ConfigureAwait(false))
                {
                    waiting.Remove(port);
                }
            }

            if (waiting.Count == 0)
            {
                return true;
            }

            await Task.Delay(100).ConfigureAwait(false);
        }

        return false;
    }

    private static async Task<bool> AcceptsAsync(int port)
    {
        using var client = new TcpClient();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(1));
        try
        {
            await client.ConnectAsync(IPAddress.Loopback, port, timeout.Token).ConfigureAwait(false);
            return true;
        }
        catch (Exception ex) when (ex is SocketException or OperationCanceledException)
        {
            return false;
        }
    }

    private static int[] FreePorts(int count)
    {
        // All listeners stay open until every port is read, so the ports differ from each other.
        var listeners = Enumerable.Range(0, count).Select(_ => new TcpListener(IPAddress.Loopback, 0)).ToList();
        try
        {
            listeners.ForEach(l => l.Start());
            return listeners.Select(l => ((IPEndPoint)l.LocalEndpoint).Port).ToArray();
        }
        finally
        {
            listeners.ForEach(l => l.Stop());
        }
    }

    private void Record(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.Enqueue(line);
            if (_output.Count > 200)
            {
                _output.Dequeue();
            }
        }
    }

    private string Output()
    {
        lock (_output)
        {
            return string.Join('\n', _output);
        }
    }
}
