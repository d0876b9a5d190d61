using TorchSharp;
using static TorchSharp.torch;

namespace Sparring.Bench.Training;

/// <summary>Opens the devices the bench runs on, before anything else loads libtorch.</summary>
internal static class TorchDevices
{
    /// <summary>The device named cpu or cuda; throws <see cref="InvalidOperationException"/> saying why CUDA cannot be used.</summary>
    public static Device Open(string name)
    {
        if (name == "cpu")
        {
            return CPU;
        }

        // CUDA first: TorchSharp then loads libtorch_cuda.so (from LD_LIBRARY_PATH) rather than settling for the CPU backend.
        string? reason = null;
        try
        {
            InitializeDeviceType(DeviceType.CUDA);
        }
        catch (Exception ex)
        {
            reason = ex.Message;
        }

        if (reason is null && !cuda.is_available())
        {
            reason = "libtorch_cuda loaded, but torch.cuda.is_available() is false (no GPU, or no driver)";
        }

        return reason is null
            ? CUDA
            : throw new InvalidOperationException(
                $"--device cuda: CUDA is not available: {reason}\n" +
                "TorchSharp needs libtorch_cuda.so and its CUDA libraries on LD_LIBRARY_PATH, for example the torch/lib folder of a CUDA build of PyTorch:\n" +
                "  export LD_LIBRARY_PATH=\"$(python3 -c 'import torch,os;print(os.path.dirname(torch.__file__))')/lib\"");
    }
}
