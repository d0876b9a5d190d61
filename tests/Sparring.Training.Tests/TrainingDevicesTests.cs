using Sparring.Training.Jobs;
using TorchSharp;
using static TorchSharp.torch;

namespace Sparring.Training.Tests;

/// <summary>Device names: auto falls back to the CPU here, cuda says how to make CUDA visible, and the CPU still works after asking.</summary>
public sealed class TrainingDevicesTests
{
    [Fact]
    public void Auto_is_the_cpu_without_a_gpu_and_cuda_explains_what_is_missing()
    {
        Assert.Equal(DeviceType.CPU, TrainingDevices.Resolve("auto").type);

        var error = Assert.Throws<InvalidOperationException>(() => TrainingDevices.Resolve("cuda"));
        Assert.Contains("CUDA is not available", error.Message, StringComparison.Ordinal);
        Assert.Contains("LD_LIBRARY_PATH", error.Message, StringComparison.Ordinal);
        Assert.Contains("is not auto, cpu, cuda", Assert.Throws<InvalidOperationException>(() => TrainingDevices.Resolve("tpu")).Message, StringComparison.Ordinal);

        using var policy = TinyPolicy.Create();
        using var ids = tensor(new long[] { 1, 20, 30 }).unsqueeze(0);
        using var logits = policy.Model.Logits(policy.Model.Hidden(ids));
        Assert.Equal(new long[] { 1, 3, TinyPolicy.Tokenizer.VocabularySize }, logits.shape);
    }
}
