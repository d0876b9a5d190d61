using TorchSharp;
using static TorchSharp.torch;

namespace Sparring.Training.Jobs;

/// <summary>Turns a configured device name into a TorchSharp device.</summary>
public static class TrainingDevices
{
    /// <summary>auto (CUDA when libtorch sees a GPU, else the CPU), cpu, cuda or cuda:&lt;index&gt;.</summary>
    /// <exception cref="InvalidOperationException">The name is none of these, or CUDA was asked for and cannot be used (the message says why and how to fix it).</exception>
    public static Device Resolve(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (name == "cpu")
        {
            return CPU;
        }

        if (name != "auto" && name != "cuda" && !name.StartsWith("cuda:", StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"Device '{name}' is not auto, cpu, cuda or cuda:<index>.");
        }

        var problem = CudaProblem();
        if (name == "auto")
        {
            return problem is null ? CUDA : CPU;
        }

        if (problem is not null)
        {
            throw new InvalidOperationException(
                $"Device '{name}': CUDA is not available: {problem}\n" +
                "TorchSharp needs libtorch_cuda.so and its CUDA libraries on LD_LIBRARY_PATH, for example the torch/lib folder of a CUDA build of PyTorch:\n" +
                "  export LD_LIBRARY_PATH=\"$(python3 -c 'import torch,os;print(os.path.dirname(torch.__file__))')/lib\"");
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

    // CUDA is initialized before anything else touches libtorch, so TorchSharp loads libtorch_cuda.so (from
    // LD_LIBRARY_PATH) rather than settling for the CPU backend.
    private static string? CudaProblem()
    {
        try
        {
            InitializeDeviceType(DeviceType.CUDA);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            return ex.Message;
        }

        return cuda.is_available() ? null : "libtorch_cuda loaded, but torch.cuda.is_available() is false (no GPU, or no driver)";
    }
}
