using System.Diagnostics;
using System.Globalization;
using Azure.Storage.Blobs;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;
using Sparring.Abstractions.Storage;
using Sparring.Bench.Runs;
using Sparring.EmbeddedHost;
using Sparring.Engine.Environments;
using Sparring.Engine.Runs;
using Sparring.Models;
using Sparring.Orchestration.Contracts;
using Sparring.Orchestration.Services;
using Sparring.Storage;
using Sparring.Samples.MedicalSupply;

// Episodes per second of evaluation runs through the orchestration (embedded engine, in memory), each against a
// plain Parallel.ForEachAsync over the same episodes writing the same blobs, in the same process.
// Run by hand in Release, from the repository: dotnet run -c Release --project bench/Sparring.Bench.Runs [-- large | latency]
// Blobs go to Sparring__Storage__ConnectionString, or the repository's Azurite (started if needed).
var large = args.Contains("large");
var latencyOnly = args.Contains("latency");
var root = FindRoot();
var environmentPath = Path.Combine(root, "environments", "medical-supply-support");
var connection = Environment.GetEnvironmentVariable("Sparring__Storage__ConnectionString") ?? await LocalAzurite.StartAsync(CancellationToken.None);
var container = new BlobContainerClient(connection, $"bench-{DateTime.UtcNow:yyyyMMddHHmmss}");
var store = new BlobTrajectoryStore(container);
var environment = await new EnvironmentLoader().LoadAsync(environmentPath);
var models = new ModelCatalog(new ConfigurationBuilder().Build(), SampleAgents.References);

var cases = new List<(string Name, int Episodes, int Concurrency, TimeSpan Latency)>
{
    ("reference agent", 1_000, 64, TimeSpan.Zero),
    ("200 ms per policy call", 1_000, 64, TimeSpan.FromMilliseconds(200)),
    ("200 ms per policy call", 1_000, 256, TimeSpan.FromMilliseconds(200)),
};
if (latencyOnly)
{
    cases.RemoveAll(c => c.Latency == TimeSpan.Zero);
}
else if (large)
{
    cases.Insert(1, ("reference agent", 10_000, 64, TimeSpan.Zero));
}

if (large)
{
    cases.Add(("200 ms per policy call", 10_000, 256, TimeSpan.FromMilliseconds(200)));
}

// Warm up the JIT, Jint and the container so the first row does not pay for them.
var warmUp = new EpisodeRunners(models, TimeProvider.System, NullLoggerFactory.Instance).Get(environment, new ModelSelection("reference"));
foreach (var episode in EvaluationPlan.Create(environment, "warm-up", 1, seed: 99))
{
    await store.WriteAsync(new RunKey("bench", "warm-up"), await warmUp.RunAsync(episode), CancellationToken.None);
}

Console.WriteLine($"medical-supply-support, {Environment.ProcessorCount} cores, .NET {Environment.Version}, blobs in {container.Uri}");
Console.WriteLine();
Console.WriteLine("| case | episodes | concurrency | plain loop eps/s | orchestrated eps/s (episodes) | ratio | orchestrated incl. report + dataset | ideal eps/s (concurrency / episode time) | orchestrated / ideal |");
Console.WriteLine("|---|---|---|---|---|---|---|---|---|");
var index = 0;
foreach (var (name, episodes, concurrency, latency) in cases)
{
    var catalog = new LatencyCatalog(models, latency);
    var runners = new EpisodeRunners(catalog, TimeProvider.System, NullLoggerFactory.Instance);
    var k = episodes / environment.Spec.Scenarios.Count;
    var plan = EvaluationPlan.Create(environment, $"plain-{index}", k, seed: index);
    var runner = runners.Get(environment, new ModelSelection("reference"));
    var plainRun = new RunKey("bench", $"plain-{index}");

    var plainWatch = Stopwatch.StartNew();
    var durations = new double[plan.Count];
    await Parallel.ForEachAsync(Enumerable.Range(0, plan.Count), new ParallelOptions { MaxDegreeOfParallelism = concurrency }, async (i, ct) =>
    {
        var trajectory = await runner.RunAsync(plan[i], ct);
        durations[i] = trajectory.DurationMs;
        await store.WriteAsync(plainRun, trajectory, ct);
    });
    var plainSeconds = plainWatch.Elapsed.TotalSeconds;

    var services = new ActivityServices(new EnvironmentCatalog(new FolderEnvironmentSource(), new EnvironmentLoader()), runners, store, Sparring.Abstractions.Metering.NoUsageMeter.Instance);
    await using var host = await EmbeddedDurableHost.StartInMemoryAsync(services, new EmbeddedHostOptions { MaxActivities = Math.Max(512, concurrency), PollInterval = TimeSpan.FromMilliseconds(250) }, NullLoggerFactory.Instance);
    var runId = $"orchestrated-{index}";
    var watch = Stopwatch.StartNew();
    var episodesDone = TimeSpan.Zero;
    await host.StartRunAsync(new EvaluationRunRequest
    {
        RunId = runId,
        Tenant = "bench",
        Environment = new EnvironmentReference(environmentPath),
        Models = new ModelSelection("reference"),
        EpisodesPerScenario = k,
        Seed = index,
        Concurrency = concurrency,
    }, CancellationToken.None);
    await host.WaitAsync(runId, new Progress<RunProgressStatus>(p =>
    {
        if (p.Total > 0 && p.Done == p.Total && episodesDone == TimeSpan.Zero)
        {
            episodesDone = watch.Elapsed;
        }
    }), CancellationToken.None);
    var total = watch.Elapsed.TotalSeconds;
    var orchestrated = plan.Count / episodesDone.TotalSeconds;
    var plain = plan.Count / plainSeconds;
    var ideal = concurrency / (durations.Average() / 1000);
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"| {name} | {plan.Count} | {concurrency} | {plain:F0} | {orchestrated:F0} | {orchestrated / plain:F2} | {plan.Count / total:F0} | {(latency == TimeSpan.Zero ? "-" : ideal.ToString("F0", CultureInfo.InvariantCulture))} | {(latency == TimeSpan.Zero ? "-" : (orchestrated / ideal).ToString("P0", CultureInfo.InvariantCulture))} |"));
    index++;
}

await container.DeleteIfExistsAsync();
return 0;

static string FindRoot()
{
    var directory = new DirectoryInfo(AppContext.BaseDirectory);
    while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Functions.sln")))
    {
        directory = directory.Parent;
    }

    return directory?.FullName ?? throw new InvalidOperationException("Run the benchmark from inside the repository.");
}
