using Sparring.Storage;
using Sparring.Training.Presets;

namespace Sparring.Cli.Training;

/// <summary>What one <c>train</c> run is asked to do.</summary>
internal sealed record TrainSettings(
    string EnvironmentFolder,
    IReadOnlyList<string> DataFiles,
    TrainPreset Preset,
    string TrainId,
    string Tenant,
    StorageTarget Target,
    int Concurrency,
    long Seed,
    TorchSharp.torch.Device Device,
    Sparring.Training.Model.TransformerConfig? Baseline = null,
    string? StartFrom = null);
