using TorchSharp;
using static TorchSharp.torch;

namespace Sparring.Training.Tests;

/// <summary>TorchSharp loads from the build output (whose libLibTorchSharp.so the build patched) and computes correctly on the CPU.</summary>
public sealed class TorchSharpTests
{
    [Fact]
    public void Randn_gives_standard_normal_values_on_the_cpu()
    {
        using var generator = new Generator(1234);
        using var sample = randn([10_000], generator: generator);

        Assert.Equal(DeviceType.CPU, sample.device_type);
        Assert.Equal(ScalarType.Float32, sample.dtype);
        Assert.InRange(sample.mean().item<float>(), -0.05f, 0.05f);
        Assert.InRange(sample.std().item<float>(), 0.95f, 1.05f);
    }

    [Fact]
    public void Randn_with_the_same_seed_repeats_itself()
    {
        using var first = new Generator(7);
        using var second = new Generator(7);
        using var a = randn([4, 4], generator: first);
        using var b = randn([4, 4], generator: second);

        Assert.Equal(a.data<float>().ToArray(), b.data<float>().ToArray());
    }

    [Fact]
    public void Matmul_multiplies_matrices()
    {
        using var left = tensor(new float[] { 1, 2, 3, 4 }, [2, 2]);
        using var right = tensor(new float[] { 5, 6, 7, 8 }, [2, 2]);
        using var product = left.matmul(right);

        Assert.Equal(new long[] { 2, 2 }, product.shape);
        Assert.Equal(new float[] { 19, 22, 43, 50 }, product.data<float>().ToArray());
    }

    [Fact]
    public void Backward_computes_the_gradient()
    {
        using var x = tensor(new float[] { 1, 2, 3 }, requires_grad: true);
        using var cube = x.pow(3);
        using var y = cube.sum();
        y.backward();

        using var gradient = x.grad ?? throw new InvalidOperationException("no gradient after backward()");
        Assert.Equal(new float[] { 3, 12, 27 }, gradient.data<float>().ToArray());
    }

    [Fact]
    public void A_linear_layer_learns_with_sgd()
    {
        using var generator = new Generator(42);
        using var inputs = randn([64, 3], generator: generator);
        using var weights = tensor(new float[] { 2, -1, 0.5f }, [3, 1]);
        using var targets = inputs.matmul(weights);
        using var layer = nn.Linear(3, 1);
        using var optimizer = optim.SGD(layer.parameters(), 0.1);

        for (var step = 0; step < 200; step++)
        {
            using var scope = NewDisposeScope();
            optimizer.zero_grad();
            var loss = nn.functional.mse_loss(layer.forward(inputs), targets);
            loss.backward();
            optimizer.step();
        }

        var learned = layer.weight!.data<float>().ToArray();
        Assert.Equal(2f, learned[0], 0.01f);
        Assert.Equal(-1f, learned[1], 0.01f);
        Assert.Equal(0.5f, learned[2], 0.01f);
    }
}
