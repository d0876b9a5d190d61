namespace Sparring.Training.Rl;

/// <summary>How the RL stage turns scored episodes into a policy update.</summary>
public enum RlAlgorithm
{
    /// <summary>Group-relative policy optimization: each episode against the mean of its group (scaled), no value head.</summary>
    Grpo,

    /// <summary>REINFORCE leave-one-out: each episode against the mean of the other episodes of its group, no value head.</summary>
    Rloo,

    /// <summary>PPO with the value head, GAE and a KL penalty in the reward.</summary>
    Ppo,
}
