using System.Diagnostics;
using System.Text.Json;
using Sparring.Abstractions.Json;

namespace Sparring.Cli.Tests;

[Collection(AzuriteCollection.Name)]
public sealed class DurableRunTests(AzuriteFixture azurite) : IDisposable
{
    private readonly string _output = Directory.CreateTempSubdirectory("sparring-durable-").FullName;

    public void Dispose() => Directory.Delete(_output, recursive: true);

    private Process Start(string runId)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = RepositoryPaths.Root,
        };
        foreach (var argument in new[]
        {
            Path.Combine(AppContext.BaseDirectory, "sparring.dll"), "run", RepositoryPaths.Environment("medical-supply-support"),
            "-k", "10", "-n", "16", "--run-id", runId, "--durable", "--out", _output,
        })
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["Sparring__Storage__ConnectionString"] = azurite.ConnectionString;
        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private int Stored(string runId)
    {
        var folder = Path.Combine(_output, "local", "runs", runId, "episodes");
        return Directory.Exists(folder) ? Directory.GetFiles(folder, "*.json").Length : 0;
    }

    [Fact]
    public async Task A_worker_killed_mid_run_finishes_the_run_after_a_restart()
    {
        using (var first = Start("killed"))
        {
            var deadline = Stopwatch.StartNew();
            while (Stored("killed") < 60 && deadline.Elapsed < TimeSpan.FromMinutes(3) && !first.HasExited)
            {
                await Task.Delay(100);
            }

            Assert.False(first.HasExited, "the first worker ended before it could be killed");
            first.Kill(entireProcessTree: true);
            await first.WaitForExitAsync();
        }

        var storedAtKill = Stored("killed");
        Assert.InRange(storedAtKill, 60, 499);

        using var second = Start("killed");
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        await second.WaitForExitAsync(timeout.Token);

        Assert.Equal(0, second.ExitCode);
        Assert.Equal(500, Stored("killed"));
        var report = JsonSerializer.Deserialize(await File.ReadAllTextAsync(Path.Combine(_output, "local", "runs", "killed", "report.json")), SparringJsonContext.Default.RunReport)!;
        Assert.Equal(500, report.Episodes);
        Assert.Equal(1.0, report.MeanReward, 9);
    }
}
