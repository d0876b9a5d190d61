using System.Globalization;

using Sparring.Training.Presets;

namespace Sparring.Bench.Training;

/// <summary>What to measure, from the command line.</summary>
internal sealed record BenchOptions
{
    /// <summary>The device measured: cpu or cuda.</summary>
    public string Device { get; init; } = "cpu";

    /// <summary>A second device measured after the first, as the ratios' baseline (cpu beside cuda); null for none.</summary>
    public string? Baseline { get; init; }

    /// <summary>The shapes measured: quick, full, or both.</summary>
    public IReadOnlyList<TrainPreset> Shapes { get; init; } = All;

    /// <summary>Short runs: fewer new tokens, steps and episodes; for checking that the bench runs, not for numbers.</summary>
    public bool Quick { get; init; }

    /// <summary>Rows of the batched generation (the other generation row is batch 1).</summary>
    public int GenerationBatch { get; init; } = 32;

    /// <summary>Where the Markdown table goes; null for the console only.</summary>
    public string? Out { get; init; }

    /// <summary>Seed of the weights and the synthetic data.</summary>
    public int Seed { get; init; } = 1;

    /// <summary>The usage text.</summary>
    public const string Usage = """
        usage: Sparring.Bench.Training [--device cpu|cuda] [--baseline cpu] [--shape quick|full|all] [--quick]
                                       [--batch N] [--seed N] [--out table.md]
          --device    where the model runs (default cpu); cuda needs libtorch_cuda.so on LD_LIBRARY_PATH
          --baseline  also measure this device after the first, and give the first's ratios against it
          --shape     the train preset whose model shape is measured (default all)
          --quick     short runs, to check the bench works; the numbers are not comparable
          --batch     rows of the batched generation (default 32; batch 1 is always measured)
          --out       also write the table as Markdown to this file (rewritten after every row)
        """;

    /// <summary>Reads the arguments; throws <see cref="ArgumentException"/> naming the bad one.</summary>
    public static BenchOptions Parse(IReadOnlyList<string> args)
    {
        var options = new BenchOptions();
        for (var i = 0; i < args.Count; i++)
        {
            var name = args[i];
            string Value() => i + 1 < args.Count ? args[++i] : throw new ArgumentException($"{name}: a value is missing");
            options = name switch
            {
                "--device" => options with { Device = DeviceName(name, Value()) },
                "--baseline" => options with { Baseline = DeviceName(name, Value()) },
                "--shape" => options with { Shapes = ShapesNamed(Value()) },
                "--quick" => options with { Quick = true },
                "--batch" => options with { GenerationBatch = Positive(name, Value()) },
                "--seed" => options with { Seed = Positive(name, Value()) },
                "--out" => options with { Out = Value() },
                _ => throw new ArgumentException($"unknown argument '{name}'"),
            };
        }

        if (options.Baseline == options.Device)
        {
            throw new ArgumentException($"--baseline: the baseline must be another device than --device ({options.Device})");
        }

        return options;
    }

    private static string DeviceName(string option, string value) => value is "cpu" or "cuda"
        ? value
        : throw new ArgumentException($"{option}: unknown device '{value}': use cpu or cuda");

    // The shapes of sparring train's presets that the bench measures.
    private static IReadOnlyList<TrainPreset> All { get; } = [TrainPreset.Named("quick"), TrainPreset.Named("full")];

    private static IReadOnlyList<TrainPreset> ShapesNamed(string value) => value == "all"
        ? All
        : [All.FirstOrDefault(shape => shape.Name == value) ?? throw new ArgumentException($"--shape: unknown shape '{value}': use quick, full or all")];

    private static int Positive(string option, string value) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number > 0
            ? number
            : throw new ArgumentException($"{option}: '{value}' is not a positive whole number");
}
