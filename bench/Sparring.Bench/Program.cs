using System.Diagnostics;
using System.Globalization;
using Sparring.Abstractions.Trajectories;
using Sparring.Engine.Chat;
using Sparring.Engine.Environments;
using Sparring.Engine.Episodes;
using Sparring.Engine.Grading;
using Sparring.Engine.Runs;
using Sparring.Engine.Tools;
using Sparring.Engine.Users;
using Sparring.Samples.MedicalSupply;

// Episodes per second of the engine alone: the medical-supply reference agent against scripted users, graded,
// nothing stored. Run by hand in Release: dotnet run -c Release --project bench/Sparring.Bench [-- repetitions]
// The baseline, measured in the same process, is what every episode paid before anyone spoke when each session ran
// its own engine: a fresh tool session on its own copy of the state, and the final state hash. Each row with the memo
// is also compared with the same row without it.
var repetitions = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 20;
var folder = Path.Combine(FindRoot(), "environments", "medical-supply-support");
var cores = Environment.ProcessorCount;
var withoutMemo = await new EnvironmentLoader(toolMemo: ToolMemoOptions.Disabled).LoadAsync(folder);
var plan = EvaluationPlan.Create(withoutMemo, "bench", repetitions, seed: 1);

// Warm up the JIT and Jint's caches on environments of their own, so no measured memo starts warm and the first
// measured row does not pay for compilation.
foreach (var options in new[] { ToolMemoOptions.Disabled, new ToolMemoOptions() })
{
    var warm = Runner(await new EnvironmentLoader(toolMemo: options).LoadAsync(folder));
    await Measure("warm-up", 1, Math.Min(plan.Count, 50), i => RunEpisode(warm, i));
}

var noMemo = Runner(withoutMemo);
var withMemo = await new EnvironmentLoader().LoadAsync(folder);
var memo = Runner(withMemo);
var baselineRow = await Measure("baseline: session + state hash", 1, plan.Count, _ => OpenAndHash(withoutMemo));
var noMemoOne = await Measure("episodes, no memo, 1 at a time", 1, plan.Count, i => RunEpisode(noMemo, i));
var noMemoAll = await Measure($"episodes, no memo, {cores} at a time", cores, plan.Count, i => RunEpisode(noMemo, i));
var firstPass = await Measure($"episodes, memo, first pass, {cores} at a time", cores, plan.Count, i => RunEpisode(memo, i));

// Once the memo knows the plan, an episode takes well under a millisecond: ten passes make the rows long enough to time.
var passes = plan.Count * 10;
var memoOpen = await Measure("session + state hash, memo", 1, passes, _ => OpenAndHash(withMemo));
var memoOne = await Measure("episodes, memo, 1 at a time", 1, passes, i => RunEpisode(memo, i % plan.Count));
var memoAll = await Measure($"episodes, memo, {cores} at a time", cores, passes, i => RunEpisode(memo, i % plan.Count));

// Each memo row beside the same work without the memo.
(Row Row, Row? NoMemo)[] table =
[
    (baselineRow, null), (noMemoOne, null), (noMemoAll, null),
    (firstPass, noMemoAll), (memoOpen, baselineRow), (memoOne, noMemoOne), (memoAll, noMemoAll),
];
Console.WriteLine($"medical-supply-support: {withoutMemo.Spec.Scenarios.Count} scenarios x {repetitions} = {plan.Count} episodes (the plan, run 10 times by the last memo rows), {cores} cores, .NET {Environment.Version}");
Console.WriteLine();
Console.WriteLine($"| {"measure",-40} | {"items",6} | {"seconds",8} | {"per second",10} | {"vs baseline",11} | {"vs no memo",10} | {"KB allocated each",17} | {"tool calls each",15} |");
Console.WriteLine($"|{new string('-', 42)}|{new string('-', 8)}|{new string('-', 10)}|{new string('-', 12)}|{new string('-', 13)}|{new string('-', 12)}|{new string('-', 19)}|{new string('-', 17)}|");
foreach (var (row, without) in table)
{
    var versusNoMemo = without is null ? string.Empty : $"{row.PerSecond / without.PerSecond:F2}x";
    Console.WriteLine($"| {row.Name,-40} | {row.Items,6} | {row.Seconds,8:F2} | {row.PerSecond,10:F1} | {row.PerSecond / baselineRow.PerSecond,10:F2}x | {versusNoMemo,10} | {row.KilobytesEach,17:F0} | {row.ToolCallsEach,15:F1} |");
}

Console.WriteLine();
Console.WriteLine($"memo after the run: {withMemo.Tools.MemoNodes:N0} calls, {withMemo.Tools.MemoBytes / 1024.0 / 1024.0:F1} MiB");
return 0;

static EpisodeRunner Runner(LoadedEnvironment environment) => new(
    environment,
    new ChatModel(new ReferenceAgent(), new ModelIdentity("reference", ReferenceAgent.ModelId), ModelPricing.Free),
    new ScriptedMockUserFactory(),
    new EpisodeGrader(environment.Spec, judge: null));

static Task<int> OpenAndHash(LoadedEnvironment environment)
{
    using var session = environment.Tools.OpenSession(1, TimeProvider.System, default);
    _ = session.StateHash();
    return Task.FromResult(0);
}

async Task<int> RunEpisode(EpisodeRunner runner, int index)
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
