using Microsoft.Extensions.AI;
using Sparring.Engine.Chat;
using Sparring.Engine.Environments;
using Sparring.Engine.Telemetry;
using Sparring.Engine.Users;

namespace Sparring.Engine.Episodes;

/// <summary>
/// Where models get the engine's middleware. An episode's policy and mock user are wrapped for that episode alone and
/// feed its <see cref="EpisodeUsage"/>; a judge keeps nothing between calls, so it is wrapped once per grader set.
/// </summary>
internal static class EpisodeParticipants
{
    /// <summary>
    /// The policy for one episode: traced, recorded in <paramref name="usage"/>, estimated when it reports no tokens.
    /// Never dispose it: that would dispose the policy's client, which every episode shares.
    /// </summary>
    public static IChatClient Policy(ChatModel policy, EpisodeUsage usage, TimeProvider timeProvider) =>
        policy.Client.AsBuilder()
            .UseSparringTelemetry(EpisodeTelemetry.PolicyRole, policy.Identity)
            .UseSparringUsage(usage.RecordPolicyCall, timeProvider)
            .UseTokenEstimates()
            .Build();

    /// <summary>The mock user for one episode, its turns traced and recorded in <paramref name="usage"/>.</summary>
    public static IMockUser User(IMockUserFactory users, ScenarioSpec scenario, long seed, EpisodeUsage usage, TimeProvider timeProvider) =>
        new MeteredMockUser(users.Create(scenario, seed), users.Identity, usage.RecordUserTurn, timeProvider);

    /// <summary>
    /// The judge, traced, its tokens counted on the token metric per call: trajectories keep no judge tokens, only the
    /// cost each grader reports.
    /// </summary>
    public static ChatModel Judge(ChatModel judge) => judge with
    {
        Client = judge.Client.AsBuilder()
            .UseSparringTelemetry(EpisodeTelemetry.JudgeRole, judge.Identity)
            .UseSparringUsage(call => EpisodeTelemetry.RecordTokens(EpisodeTelemetry.JudgeRole, call.Tokens))
            .Build(),
    };
}
