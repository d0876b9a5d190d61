using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Trace;
using Sparring.Abstractions.Storage;
using Sparring.GpuWorker.Hosting;

namespace Sparring.GpuWorker.Tests;

public sealed class GpuWorkerAppTests : IAsyncLifetime
{
    private WorkerFixture _storage = null!;

    public async Task InitializeAsync() => _storage = await WorkerFixture.StartAsync();

    public async Task DisposeAsync() => await _storage.DisposeAsync();

    [Fact]
    public async Task The_worker_serves_the_current_checkpoint_over_chat_completions()
    {
        var model = new ModelReference("support", "7");
        await _storage.StorePolicyAsync(model);
        await _storage.Checkpoints.SetCurrentAsync(WorkerFixture.Tenant, model, CancellationToken.None);
        await using var app = GpuWorkerApp.Build(
        [
            "--urls=http://127.0.0.1:0",
            $"--GpuWorker:StorageFolder={_storage.Root}",
            $"--GpuWorker:WorkFolder={Path.Combine(_storage.Root, ".work2")}",
            "--GpuWorker:Device=cpu",
            "--GpuWorker:ShutdownTimeout=00:00:10",
            "--Worker:Queue=inprocess",
            $"--Serve:Tenant={WorkerFixture.Tenant}",
            "--Serve:Models:0=support@current",
            $"--Serve:CacheFolder={Path.Combine(_storage.Root, ".served")}",
        ]);
        await app.StartAsync();
        using var http = new HttpClient { BaseAddress = new Uri(app.Urls.First()) };

        using var response = await http.PostAsJsonAsync("/v1/chat/completions", new
        {
            model = "support@current",
            messages = new[] { new { role = "user", content = "where is my order A1?" } },
            max_tokens = 8,
            seed = 1,
        });

        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, body);
        using var json = JsonDocument.Parse(body);
        Assert.Equal("support@current", json.RootElement.GetProperty("model").GetString());
        Assert.Equal("assistant", json.RootElement.GetProperty("choices")[0].GetProperty("message").GetProperty("role").GetString());
        Assert.True(File.Exists(Path.Combine(_storage.Root, ".served", WorkerFixture.Tenant, "support", "7", "checkpoint.bin")));
        await app.StopAsync();
    }

    [Theory]
    [InlineData("http://127.0.0.1:9", true)]
    [InlineData("", false)]
    public async Task An_OTLP_endpoint_setting_turns_the_workers_tracing_on(string endpoint, bool traced)
    {
        await using var app = GpuWorkerApp.Build(
        [
            $"--GpuWorker:StorageFolder={_storage.Root}",
            "--GpuWorker:Device=cpu",
            "--Worker:Queue=inprocess",
            $"--Serve:Tenant={WorkerFixture.Tenant}",
            $"--OTEL_EXPORTER_OTLP_ENDPOINT={endpoint}",
        ]);

        Assert.Equal(traced, app.Services.GetService<TracerProvider>() is not null);
    }
}
