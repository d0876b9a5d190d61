using static TorchSharp.torch;

namespace Sparring.Training.Model;

/// <summary>Keys and values of every layer for the tokens seen so far, so each new token attends without recomputing the past.</summary>
public sealed class KvCache : IDisposable
{
    private readonly Tensor[] _keys;
    private readonly Tensor[] _values;

    /// <summary>Allocates room for <paramref name="capacity"/> positions of a batch.</summary>
    public KvCache(TransformerConfig config, long batch, long capacity, Device device, ScalarType dtype)
    {
        ArgumentNullException.ThrowIfNull(config);
        Capacity = capacity;
        _keys = new Tensor[config.Layers];
        _values = new Tensor[config.Layers];
        for (var layer = 0; layer < config.Layers; layer++)
        {
            _keys[layer] = zeros([batch, config.Heads, capacity, config.HeadWidth], dtype, device).DetachFromDisposeScope();
            _values[layer] = zeros([batch, config.Heads, capacity, config.HeadWidth], dtype, device).DetachFromDisposeScope();
        }
    }

    /// <summary>Positions the cache can hold.</summary>
    public long Capacity { get; }

    /// <summary>Positions already filled.</summary>
    public long Length { get; private set; }

    /// <summary>Writes a layer's keys and values for the new positions and returns all keys and values so far.</summary>
    internal (Tensor Keys, Tensor Values) Append(int layer, Tensor keys, Tensor values)
    {
        var start = Length;
        var count = keys.shape[2];
        if (start + count > Capacity)
        {
            throw new InvalidOperationException($"the KV cache holds {Capacity} positions; {start + count} asked");
        }

        using (no_grad())
        {
            _keys[layer].narrow(2, start, count).copy_(keys);
            _values[layer].narrow(2, start, count).copy_(values);
        }

        return (_keys[layer].narrow(2, 0, start + count), _values[layer].narrow(2, 0, start + count));
    }

    /// <summary>Marks the positions of the last forward pass as filled (once every layer has appended them).</summary>
    internal void Advance(long count) => Length += count;

    /// <inheritdoc />
    public void Dispose()
    {
        foreach (var tensor in _keys.Concat(_values))
        {
            tensor.Dispose();
        }
    }
}
