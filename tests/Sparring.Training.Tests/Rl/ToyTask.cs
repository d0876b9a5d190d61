using Sparring.Training.Generation;
using Sparring.Training.Model;
using Sparring.Training.Ppo;
using static TorchSharp.torch;

namespace Sparring.Training.Tests.Rl;

/// <summary>
/// The toy task of the RL tests: a tiny policy writes a few tokens after one of four prompts, and the reward is the
/// share of them that fall in a tenth of the vocabulary (an untrained policy writes those a tenth of the time). The
/// episodes of one prompt are a group.
/// </summary>
internal static class ToyTask
{
    public const int NewTokens = 8;

    public static IReadOnlyList<string> Prompts { get; } = ["hi", "yo", "ok", "thanks"];

    public static bool Rewarded(int id) => id % 10 == 3;

    /// <summary><paramref name="perGroup"/> sampled episodes of each prompt, each in the group of its prompt.</summary>
    public static List<PpoEpisode> Rollouts(CausalTransformer policy, int seed, int perGroup = 8, IReadOnlyList<string>? prompts = null)
    {
        var generator = new SequenceGenerator(policy, _ => false);
        var episodes = new List<PpoEpisode>();
        foreach (var (text, index) in (prompts ?? Prompts).Select((text, index) => (text, index)))
        {
            var prompt = TinyPolicy.Tokenizer.Encode(text);
            var requests = Enumerable.Range(0, perGroup).Select(i => new GenerationRequest(prompt, NewTokens, 1f, 1f, seed + index * 1000 + i)).ToList();
            foreach (var generated in generator.Generate(requests))
            {
                var ids = prompt.Concat(generated.Tokens).ToArray();
                var mask = ids.Select((_, i) => i >= prompt.Length).ToArray();
                episodes.Add(new PpoEpisode(ids, mask, generated.Tokens.Count(Rewarded) / (double)NewTokens) { Group = text });
            }
        }

        return episodes;
    }

    public static double MeanReward(CausalTransformer policy, int seed) => Rollouts(policy, seed).Average(episode => episode.Score);

    /// <summary>A reference far from a fresh policy: the same shape, other weights, and a peaked distribution.</summary>
    public static CausalTransformer DistantReference()
    {
        var reference = new CausalTransformer(TinyPolicy.Config(seed: 11));
        using (no_grad())
        {
            foreach (var (_, parameter) in reference.named_parameters().Where(p => p.name == "wte.weight"))
            {
                parameter.mul_(50);
            }
        }

        return reference;
    }

    /// <summary>Copies of every parameter, by name.</summary>
    public static Dictionary<string, float[]> Snapshot(CausalTransformer model) =>
        model.named_parameters().ToDictionary(p => p.name, p => p.parameter.detach().cpu().data<float>().ToArray());

    /// <summary>The largest difference between two snapshots' parameters.</summary>
    public static double MaxDifference(Dictionary<string, float[]> a, Dictionary<string, float[]> b) =>
        a.Keys.Max(name => a[name].Zip(b[name], (x, y) => (double)Math.Abs(x - y)).Max());
}
