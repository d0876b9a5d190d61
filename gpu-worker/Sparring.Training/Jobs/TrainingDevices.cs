using TorchSharp;
using static TorchSharp.torch;

namespace Sparring.Training.Jobs;

/// <summary>Turns a configured device name into a TorchSharp device.</summary>
public static class TrainingDevices
{
    /// <summary>auto (CUDA when libtorch sees a GPU, else the CPU), cpu, cuda or cuda:&lt;index&gt;.</summary>
    /// <exception cref="InvalidOperationException">The name is none of these.</exception>
    public static Device Resolve(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (name == "auto")
        {
            return cuda.is_available() ? CUDA : CPU;
        }

        if (name != "cpu" && name != "cuda" && !name.StartsWith("cuda:", StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"Device '{name}' is not auto, cpu, cuda or cuda:<index>.");
        }

        try
        {
            return torch.device(name);
        }
        catch (ArgumentException ex)
        {
            throw new InvalidOperationException($"Device '{name}' is not auto, cpu, cuda or cuda:<index>: {ex.Message}", ex);
        }
    }
}
