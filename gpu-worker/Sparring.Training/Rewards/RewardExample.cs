using Sparring.Abstractions.Trajectories;

namespace Sparring.Training.Rewards;

/// <summary>A judged conversation: what the reward model reads and the judge's scores in [0, 1], one per criterion.</summary>
/// <param name="Id">Where it came from (run/episode), for messages.</param>
/// <param name="Messages">The conversation in the OpenAI chat format.</param>
/// <param name="Scores">The judge's scores, in the order of the rubric's criteria.</param>
public sealed record RewardExample(string Id, IReadOnlyList<ChatMessageRecord> Messages, IReadOnlyList<double> Scores);
