using TorchSharp.Modules;
using Sparring.Training.Model;
using static TorchSharp.torch;

namespace Sparring.Training.Rewards;

/// <summary>
/// A causal transformer trunk and one linear head per rubric criterion (row i of <c>heads.weight</c> is criterion i's
/// head) reading the hidden state of each sequence's last token, squashed by a sigmoid to [0, 1].
/// </summary>
public sealed class RewardNetwork : nn.Module
{
    private readonly CausalTransformer trunk;
    private readonly Linear heads;

    /// <summary>A network with a fresh trunk (weights from the config's seed) and small heads from the same seed.</summary>
    public RewardNetwork(TransformerConfig config, int criteria) : base("reward")
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(criteria, 1);
        trunk = new CausalTransformer(config);
        heads = nn.Linear(config.Width, criteria);
        RegisterComponents();
        using var generator = new Generator((ulong)config.InitSeed + 7919);
        using var noGrad = no_grad();
        heads.weight!.normal_(0, 0.02, generator);
        heads.bias!.zero_();
    }

    /// <summary>The trunk.</summary>
    public CausalTransformer Trunk => trunk;

    /// <summary>The device the weights are on.</summary>
    public Device Device => trunk.Device;

    /// <summary>
    /// Scores (batch, criteria) in [0, 1] of right-padded <paramref name="ids"/> (batch, time), each read at its last real
    /// token <paramref name="lastIndex"/> (batch): causal attention keeps the padding after it out of its hidden state.
    /// </summary>
    public Tensor Forward(Tensor ids, Tensor lastIndex)
    {
        using var scope = NewDisposeScope();
        var hidden = trunk.Hidden(ids);
        var width = hidden.shape[2];
        var last = hidden.gather(1, lastIndex.view(-1, 1, 1).expand(-1, 1, width)).squeeze(1);
        return nn.functional.sigmoid(heads.forward(last)).MoveToOuterDisposeScope();
    }
}
