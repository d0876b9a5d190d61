using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Sparring.Training.Model;

/// <summary>Multi-head causal self-attention that can read and extend a KV cache.</summary>
public sealed class CausalSelfAttention : nn.Module
{
    private readonly int _heads;
    private readonly int _headWidth;
    private readonly int _layer;
    private readonly Linear qkv;
    private readonly Linear proj;

    /// <summary>Creates the attention of block <paramref name="layer"/>.</summary>
    public CausalSelfAttention(TransformerConfig config, int layer) : base($"attn{layer}")
    {
        _heads = config.Heads;
        _headWidth = config.HeadWidth;
        _layer = layer;
        qkv = nn.Linear(config.Width, 3 * config.Width);
        proj = nn.Linear(config.Width, config.Width);
        RegisterComponents();
    }

    /// <summary>Attends from <paramref name="x"/> (batch, time, width) to itself and the cache; <paramref name="mask"/> is true where attention is allowed.</summary>
    public Tensor Forward(Tensor x, Tensor mask, KvCache? cache)
    {
        using var scope = NewDisposeScope();
        var batch = x.shape[0];
        var time = x.shape[1];
        var parts = qkv.forward(x).view(batch, time, 3, _heads, _headWidth).permute(2, 0, 3, 1, 4);
        var q = parts[0];
        var k = parts[1];
        var v = parts[2];
        if (cache is not null)
        {
            (k, v) = cache.Append(_layer, k, v);
        }

        var y = nn.functional.scaled_dot_product_attention(q, k, v, mask);
        var merged = y.transpose(1, 2).contiguous().view(batch, time, _heads * _headWidth);
        return proj.forward(merged).MoveToOuterDisposeScope();
    }
}
