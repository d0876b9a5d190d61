using System.Runtime.InteropServices;
using Sparring.Bench.Training;
using Sparring.Training.Jobs;
using TorchSharp;

// Speed and memory of the policy model on the train presets' shapes: generation with and without the KV cache, SFT,
// PPO. Random weights (fixed seed) and random tokens shaped like real conversations: speed depends on shapes only.
// Run by hand in Release, from the repository:
//   dotnet run -c Release --project bench/Sparring.Bench.Training -- [--device cuda] [--shape quick] [--quick] [--out table.md]
// On the GPU machine: gpu-worker/scripts/pack-gpu-bench.sh here, gpu-worker/scripts/gpu-bench.sh there.
if (args.Contains("--help") || args.Contains("-h"))
{
    Console.WriteLine(BenchOptions.Usage);
    return 0;
}

BenchOptions options;
try
{
    options = BenchOptions.Parse(args);
}
catch (ArgumentException ex)
{
    Console.Error.WriteLine(ex.Message);
    Console.Error.WriteLine(BenchOptions.Usage);
    return 2;
}

var devices = new List<(string Name, torch.Device Device)>();
try
{
    foreach (var name in options.Baseline is null ? [options.Device] : new[] { options.Device, options.Baseline })
    {
        devices.Add((name, TrainingDevices.Resolve(name)));
    }
}
catch (InvalidOperationException ex)
{
    Console.Error.WriteLine(ex.Message);
    return 3;
}

using var cancel = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cancel.Cancel();
};

var sizes = BenchSizes.For(options);
var header = new List<string>
{
    $"Sparring.Bench.Training: {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, {Environment.ProcessorCount} cores, {RuntimeInformation.OSDescription.Trim()}, " +
    $".NET {Environment.Version}, TorchSharp on {torch.get_num_threads()} CPU threads, devices {string.Join(" and ", devices.Select(d => d.Name))}" +
    (options.Quick ? ", --quick (short runs: not comparable)" : ""),
};
#if DEBUG
header.Add("DEBUG BUILD: the numbers are not representative; run with -c Release.");
#endif
if (devices.Any(d => d.Device.type == DeviceType.CUDA) && CudaMemory.InUse() is { Bytes: { } context })
{
    header.Add($"CUDA memory in use before any model: {context / (1024 * 1024)} MiB (the context).");
}

var table = new ResultTable(header, options.Baseline);
foreach (var line in header)
{
    Console.WriteLine(line);
}

Console.WriteLine();
Console.WriteLine("| shape | parameters | measurement | value | ratio |");
Console.WriteLine("| --- | --- | --- | --- | --- |");
try
{
    var peak = new PeakWorkingSet();
    foreach (var (_, device) in devices)
    {
        foreach (var shape in options.Shapes)
        {
            torch.random.manual_seed(options.Seed);
            foreach (var row in new ShapeBench(shape, device, sizes, options.Seed, peak).Run(cancel.Token))
            {
                table.Add(row);
                Console.WriteLine(table.ToMarkdown().TrimEnd('\n').Split('\n')[^1]);
                if (options.Out is not null)
                {
                    table.Write(options.Out);
                }
            }
        }
    }
}
catch (OperationCanceledException)
{
    Console.Error.WriteLine("cancelled");
    return 130;
}

// Ratios against the baseline device are known only once it has run: print the whole table again.
Console.WriteLine();
Console.WriteLine(table.ToMarkdown());
return 0;
