using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Sparring.Training.Model;

/// <summary>A pre-norm transformer block: attention then a GELU feed-forward, each added to the residual stream.</summary>
public sealed class TransformerBlock : nn.Module
{
    private readonly LayerNorm ln1;
    private readonly CausalSelfAttention attn;
    private readonly LayerNorm ln2;
    private readonly Linear fc;
    private readonly Linear fcOut;

    /// <summary>Creates block <paramref name="layer"/>.</summary>
    public TransformerBlock(TransformerConfig config, int layer) : base($"block{layer}")
    {
        ln1 = nn.LayerNorm(config.Width);
        attn = new CausalSelfAttention(config, layer);
        ln2 = nn.LayerNorm(config.Width);
        fc = nn.Linear(config.Width, config.Width * config.FeedForwardMultiple);
        fcOut = nn.Linear(config.Width * config.FeedForwardMultiple, config.Width);
        RegisterComponents();
    }

    /// <summary>Runs the block over (batch, time, width).</summary>
    public Tensor Forward(Tensor x, Tensor mask, KvCache? cache)
    {
        using var scope = NewDisposeScope();
        var h = x + attn.Forward(ln1.forward(x), mask, cache);
        var output = h + fcOut.forward(nn.functional.gelu(fc.forward(ln2.forward(h))));
        return output.MoveToOuterDisposeScope();
    }
}
