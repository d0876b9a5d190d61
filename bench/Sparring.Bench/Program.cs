using System.Diagnostics;
using System.Globalization;
using Sparring.Abstractions.Trajectories;
using Sparring.Engine.Chat;
using Sparring.Engine.Environments;
using Sparring.Engine.Episodes;
using Sparring.Engine.Grading;
using Sparring.Engine.Runs;
using Sparring.Engine.Users;
using Sparring.Samples.MedicalSupply;

// Episodes per second of the engine alone: the medical-supply reference agent against scripted users, graded,
// nothing stored. Run by hand in Release: dotnet run -c Release --project bench/Sparring.Bench [-- repetitions]
// The baseline, measured in the same process, is what every episode pays before anyone speaks: a fresh tool
// session on its own copy of the state, and the final state hash.
var repetitions = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 20;
var folder = Path.Combine(FindRoot(), "environments", "medical-supply-support");
var environment = await new EnvironmentLoader().LoadAsync(folder);
var plan = EvaluationPlan.Create(environment, "bench", repetitions, seed: 1);
var runner = new EpisodeRunner(
    environment,
    new ChatModel(new ReferenceAgent(), new ModelIdentity("reference", ReferenceAgent.ModelId), ModelPricing.Free),
    new ScriptedMockUserFactory(),
    new EpisodeGrader(environment.Spec, judge: null));

// Warm up the JIT and Jint's caches so the first measured row is not paying for them.
await Measure("warm-up", 1, Math.Min(plan.Count, 50), i => RunEpisode(i));

var rows = new List<Row>
{
    await Measure("baseline: session + state hash", 1, plan.Count, i => { using var session = environment.Tools.OpenSession(1, TimeProvider.System, default); _ = session.StateHash(); return Task.FromResult(0); }),
    await Measure("episodes, 1 at a time", 1, plan.Count, RunEpisode),
    await Measure($"episodes, {Environment.ProcessorCount} at a time", Environment.ProcessorCount, plan.Count, RunEpisode),
};

var baseline = rows[0].PerSecond;
Console.WriteLine($"medical-supply-support: {environment.Spec.Scenarios.Count} scenarios x {repetitions} = {plan.Count} episodes, {Environment.ProcessorCount} cores, .NET {Environment.Version}");
Console.WriteLine();
Console.WriteLine($"| {"measure",-34} | {"items",6} | {"seconds",8} | {"per second",10} | {"vs baseline",11} | {"KB allocated each",17} | {"tool calls each",15} |");
Console.WriteLine($"|{new string('-', 36)}|{new string('-', 8)}|{new string('-', 10)}|{new string('-', 12)}|{new string('-', 13)}|{new string('-', 19)}|{new string('-', 17)}|");
foreach (var row in rows)
{
    Console.WriteLine($"| {row.Name,-34} | {row.Items,6} | {row.Seconds,8:F2} | {row.PerSecond,10:F1} | {row.PerSecond / baseline,10:F2}x | {row.KilobytesEach,17:F0} | {row.ToolCallsEach,15:F1} |");
}

return 0;

async Task<int> RunEpisode(int index)
{
    var trajectory = await runner.RunAsync(plan[index]);
    if (trajectory.Termination.Reason == TerminationReason.Error)
    {
        throw new InvalidOperationException($"{trajectory.EpisodeId}: {trajectory.Termination.Detail}");
    }

    return trajectory.ToolCalls.Count;
}

static async Task<Row> Measure(string name, int concurrency, int items, Func<int, Task<int>> work)
{
    GC.Collect();
    var allocated = GC.GetTotalAllocatedBytes(precise: true);
    var toolCalls = 0L;
    var watch = Stopwatch.StartNew();
    await Parallel.ForEachAsync(Enumerable.Range(0, items), new ParallelOptions { MaxDegreeOfParallelism = concurrency }, async (i, _) =>
        Interlocked.Add(ref toolCalls, await work(i)));
    watch.Stop();
    var bytes = GC.GetTotalAllocatedBytes(precise: true) - allocated;
    return new Row(name, items, watch.Elapsed.TotalSeconds, items / watch.Elapsed.TotalSeconds, bytes / 1024.0 / items, toolCalls / (double)items);
}

static string FindRoot()
{
    var directory = new DirectoryInfo(AppContext.BaseDirectory);
    while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Functions.sln")))
    {
        directory = directory.Parent;
    }

    return directory?.FullName ?? throw new InvalidOperationException("Run the benchmark from inside the repository.");
}

internal sealed record Row(string Name, int Items, double Seconds, double PerSecond, double KilobytesEach, double ToolCallsEach);
