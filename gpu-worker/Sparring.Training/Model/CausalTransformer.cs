using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Sparring.Training.Model;

/// <summary>
/// A small GPT-style causal transformer: learned token and position embeddings, pre-norm blocks, an output layer tied
/// to the token embeddings, and a scalar value head on the same trunk for PPO.
/// </summary>
public sealed class CausalTransformer : nn.Module
{
    private readonly Embedding wte;
    private readonly Embedding wpe;
    private readonly ModuleList<TransformerBlock> blocks;
    private readonly LayerNorm lnF;
    private readonly Linear valueHead;

    /// <summary>Creates a model with weights drawn from <see cref="TransformerConfig.InitSeed"/>.</summary>
    public CausalTransformer(TransformerConfig config) : base("policy")
    {
        ArgumentNullException.ThrowIfNull(config);
        config.Validate();
        Config = config;
        wte = nn.Embedding(config.VocabularySize, config.Width);
        wpe = nn.Embedding(config.ContextLength, config.Width);
        blocks = nn.ModuleList(Enumerable.Range(0, config.Layers).Select(layer => new TransformerBlock(config, layer)).ToArray());
        lnF = nn.LayerNorm(config.Width);
        valueHead = nn.Linear(config.Width, 1);
        RegisterComponents();
        Initialize(config.InitSeed);
    }

    /// <summary>The model's shape.</summary>
    public TransformerConfig Config { get; }

    /// <summary>The device the weights are on.</summary>
    public Device Device => wte.weight!.device;

    /// <summary>
    /// Hidden states (batch, time, width) of <paramref name="tokens"/> at <paramref name="positions"/>;
    /// <paramref name="mask"/> (batch, 1, time, keys) is true where a query may attend to a key.
    /// </summary>
    public Tensor Hidden(Tensor tokens, Tensor positions, Tensor mask, KvCache? cache = null)
    {
        using var scope = NewDisposeScope();
        var x = wte.forward(tokens) + wpe.forward(positions);
        foreach (var block in blocks)
        {
            x = block.Forward(x, mask, cache);
        }

        cache?.Advance(tokens.shape[1]);
        return lnF.forward(x).MoveToOuterDisposeScope();
    }

    /// <summary>Hidden states of unpadded (or right-padded) sequences that start at position 0.</summary>
    public Tensor Hidden(Tensor tokens)
    {
        using var scope = NewDisposeScope();
        var time = tokens.shape[1];
        if (time > Config.ContextLength)
        {
            throw new ArgumentException($"sequence of {time} tokens exceeds the model's context of {Config.ContextLength}", nameof(tokens));
        }

        var positions = arange(time, ScalarType.Int64, tokens.device).unsqueeze(0).expand(tokens.shape[0], time);
        var mask = ones([time, time], ScalarType.Bool, tokens.device).tril().view(1, 1, time, time);
        return Hidden(tokens, positions, mask).MoveToOuterDisposeScope();
    }

    /// <summary>Next-token logits (…, vocabulary) from hidden states; the output layer shares the token embeddings.</summary>
    public Tensor Logits(Tensor hidden) => hidden.matmul(wte.weight!.t());

    /// <summary>The value head's estimate (…) of the return from each position.</summary>
    public Tensor Values(Tensor hidden) => valueHead.forward(hidden).squeeze(-1);

    /// <summary>Freezes this model as an RL trainer's reference: no parameter takes a gradient, and it stays in evaluation mode.</summary>
    public void FreezeAsReference()
    {
        foreach (var parameter in parameters())
        {
            parameter.requires_grad = false;
        }

        eval();
    }

    /// <summary>The parameters the next-token distribution depends on: all but the value head's.</summary>
    public IEnumerable<Parameter> PolicyParameters() =>
        named_parameters().Where(named => !named.name.StartsWith("valueHead.", StringComparison.Ordinal)).Select(named => named.parameter);

    private void Initialize(int seed)
    {
        using var generator = new Generator((ulong)seed);
        using var noGrad = no_grad();
        foreach (var (name, parameter) in named_parameters())
        {
            if (name.EndsWith("bias", StringComparison.Ordinal))
            {
                parameter.zero_();
            }
            else if (name.Contains("ln", StringComparison.Ordinal))
            {
                parameter.fill_(1.0);
            }
            else if (name.StartsWith("valueHead", StringComparison.Ordinal))
            {
                parameter.zero_();
            }
            else
            {
                // GPT-2's scheme: small normal weights, output projections shrunk by depth so the residual stream stays in scale.
                var std = name.EndsWith("proj.weight", StringComparison.Ordinal) || name.EndsWith("fcOut.weight", StringComparison.Ordinal)
                    ? 0.02 / Math.Sqrt(2.0 * Config.Layers)
                    : 0.02;
                // Tensor.normal_ rather than nn.init.normal_, which ignores the generator in TorchSharp 0.107.0.
                parameter.normal_(0, std, generator);
            }
        }
    }
}
