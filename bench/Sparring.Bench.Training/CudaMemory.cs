using System.Runtime.InteropServices;

namespace Sparring.Bench.Training;

/// <summary>
/// GPU memory in use, read from the CUDA driver (cuMemGetInfo), since TorchSharp 0.107.0 has no
/// torch.cuda.memory_allocated or max_memory_allocated. It is the device's total minus its free memory: the CUDA
/// context plus what PyTorch's caching allocator holds. That allocator keeps its blocks until empty_cache (which
/// TorchSharp lacks too), so after a measurement it is the peak reserved so far in the process, not the phase's own.
/// </summary>
internal static partial class CudaMemory
{
    private const int Success = 0;
    private const int InvalidContext = 201;

    /// <summary>Bytes in use on the current device, or null with the reason the driver could not say.</summary>
    public static (long? Bytes, string? Error) InUse()
    {
        try
        {
            var result = cuMemGetInfo_v2(out var free, out var total);
            if (result == InvalidContext)
            {
                // This thread has no current context yet: use the primary one, which is the one PyTorch allocates in.
                result = cuDevicePrimaryCtxRetain(out var context, 0);
                if (result == Success)
                {
                    result = cuCtxSetCurrent(context);
                }

                if (result == Success)
                {
                    result = cuMemGetInfo_v2(out free, out total);
                }
            }

            return result == Success ? ((long)(total - free), null) : (null, $"cuMemGetInfo failed with CUresult {result}");
        }
        catch (Exception ex) when (ex is DllNotFoundException or EntryPointNotFoundException)
        {
            return (null, $"the CUDA driver library cannot be used: {ex.Message}");
        }
    }

    [LibraryImport("libcuda.so.1")]
    private static partial int cuMemGetInfo_v2(out nuint free, out nuint total);

    [LibraryImport("libcuda.so.1")]
    private static partial int cuDevicePrimaryCtxRetain(out nint context, int device);

    [LibraryImport("libcuda.so.1")]
    private static partial int cuCtxSetCurrent(nint context);
}
