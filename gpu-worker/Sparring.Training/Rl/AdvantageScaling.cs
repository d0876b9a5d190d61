namespace Sparring.Training.Rl;

/// <summary>What a group-relative advantage is divided by (TRL: scale_rewards).</summary>
public enum AdvantageScaling
{
    /// <summary>The standard deviation of the episode's group (GRPO as published).</summary>
    Group,

    /// <summary>The standard deviation of all the batch's scores: one scale for every group.</summary>
    Batch,

    /// <summary>Nothing (Dr. GRPO): the advantage keeps the scores' scale.</summary>
    None,
}
