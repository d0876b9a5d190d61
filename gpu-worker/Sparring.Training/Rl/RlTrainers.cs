using Microsoft.Extensions.Logging;
using Sparring.Training.Model;
using Sparring.Training.Ppo;

namespace Sparring.Training.Rl;

/// <summary>Makes the trainer of an algorithm, so the CLI's loop and the worker's job run the same code.</summary>
public static class RlTrainers
{
    /// <summary>
    /// A trainer of <paramref name="algorithm"/> for <paramref name="policy"/> against the frozen <paramref name="reference"/>,
    /// with <paramref name="ppo"/>'s settings for PPO and <paramref name="groupRelative"/>'s for GRPO and RLOO; log-probabilities
    /// at the rollouts' sampling <paramref name="temperature"/>.
    /// </summary>
    public static IRlTrainer Create(RlAlgorithm algorithm, CausalTransformer policy, CausalTransformer reference, PpoOptions ppo, GroupRelativeOptions groupRelative, double temperature, ILoggerFactory logging)
    {
        ArgumentNullException.ThrowIfNull(ppo);
        ArgumentNullException.ThrowIfNull(groupRelative);
        ArgumentNullException.ThrowIfNull(logging);
        return algorithm == RlAlgorithm.Ppo
            ? new PpoTrainer(policy, reference, ppo with { Temperature = temperature }, logging.CreateLogger<PpoTrainer>())
            : new GroupRelativeTrainer(policy, reference, groupRelative with { Algorithm = algorithm, Temperature = temperature }, logging.CreateLogger<GroupRelativeTrainer>());
    }
}
