namespace Sparring.Samples.MedicalSupply.Agent;

/// <summary>One step of the conversation: the caller or the agent said something, or the agent called a tool.</summary>
/// <param name="Speaker">user, agent or tool.</param>
/// <param name="Text">What was said, for user and agent entries.</param>
/// <param name="Exchange">The call and its outcome, for tool entries.</param>
internal sealed record ConversationEntry(string Speaker, string? Text, ToolExchange? Exchange)
{
    /// <summary>Entry speaker of the caller's messages.</summary>
    public const string User = "user";

    /// <summary>Entry speaker of the agent's messages.</summary>
    public const string Agent = "agent";

    /// <summary>Entry speaker of tool calls.</summary>
    public const string Tool = "tool";
}
