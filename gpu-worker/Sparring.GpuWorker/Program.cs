using Sparring.GpuWorker.Hosting;

await using var app = GpuWorkerApp.Build(args);
await app.RunAsync().ConfigureAwait(false);
