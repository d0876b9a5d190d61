using Sparring.Abstractions.Trajectories;

namespace Sparring.Engine.Users;

/// <summary>A simulated customer in one episode: opens the conversation and answers each agent message.</summary>
public interface IMockUser
{
    /// <summary>The user's first message.</summary>
    Task<UserTurn> StartAsync(CancellationToken cancellationToken);

    /// <summary>The user's answer to the agent's message.</summary>
    Task<UserTurn> RespondAsync(string agentMessage, CancellationToken cancellationToken);
}

/// <summary>Creates the mock user of an episode.</summary>
public interface IMockUserFactory
{
    /// <summary>Kind and model of the users this factory makes, as trajectories record them.</summary>
    ModelIdentity Identity { get; }

    /// <summary>Price of the users' model (free for scripted users).</summary>
    Chat.ModelPricing Pricing { get; }

    /// <summary>A user playing <paramref name="scenario"/>, every random choice fixed by <paramref name="seed"/>.</summary>
    IMockUser Create(Environments.ScenarioSpec scenario, long seed);
}

/// <summary>What the user said, whether it ends the conversation, and what it cost.</summary>
/// <param name="Text">The message, without control tokens.</param>
/// <param name="Ending">Whether and how the user ended the conversation.</param>
/// <param name="Usage">Tokens the user's model spent (zero for a scripted user).</param>
/// <param name="UsageEstimated">Whether the tokens are estimated because the model reported none.</param>
public sealed record UserTurn(string Text, UserEnding Ending = UserEnding.None, TokenCount? Usage = null, bool UsageEstimated = false);

/// <summary>How a user's turn ends the conversation, if it does.</summary>
public enum UserEnding
{
    /// <summary>The conversation goes on.</summary>
    None,

    /// <summary>The user's goal is met; it says goodbye.</summary>
    Satisfied,

    /// <summary>The user ran out of patience and hangs up.</summary>
    GaveUp,
}
