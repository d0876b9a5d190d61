using Microsoft.Extensions.AI;
using Sparring.Abstractions.Trajectories;
using Sparring.Engine.Chat;
using Sparring.Engine.Environments;

namespace Sparring.Engine.Users;

/// <summary>
/// A user played by any <see cref="IChatClient"/>: the persona is its instructions, the agent's messages are its
/// input, and τ²-bench's control tokens (###STOP###, ###TRANSFER###, ###OUT-OF-SCOPE###) end the conversation.
/// </summary>
public sealed class LlmMockUser : IMockUser
{
    private const string AgentGreeting = "Hello, thank you for contacting us. How can I help you today?";
    private readonly IChatClient _client;
    private readonly PersonaSpec _persona;
    private readonly ChatOptions _options;
    private readonly List<ChatMessage> _history;
    private int _turns;

    /// <summary>Creates a user for a persona, played by <paramref name="client"/>.</summary>
    public LlmMockUser(IChatClient client, PersonaSpec persona, long seed, float temperature)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(persona);
        _client = client;
        _persona = persona;
        _options = new ChatOptions { Seed = seed, Temperature = temperature };
        _history = [new ChatMessage(ChatRole.System, PersonaPrompt.Render(persona))];
    }

    /// <inheritdoc />
    public async Task<UserTurn> StartAsync(CancellationToken cancellationToken)
    {
        if (_persona.OpeningLine is { } opening)
        {
            _history.Add(new ChatMessage(ChatRole.User, AgentGreeting));
            _history.Add(new ChatMessage(ChatRole.Assistant, opening));
            return new UserTurn(opening);
        }

        return await AskAsync(AgentGreeting, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<UserTurn> RespondAsync(string agentMessage, CancellationToken cancellationToken)
    {
        _turns++;
        var turn = await AskAsync(agentMessage, cancellationToken).ConfigureAwait(false);

        // The model may ignore its patience; the persona's limit is enforced here too.
        return turn.Ending == UserEnding.None && _turns > _persona.Patience ? turn with { Ending = UserEnding.GaveUp } : turn;
    }

    private async Task<UserTurn> AskAsync(string agentMessage, CancellationToken cancellationToken)
    {
        // Roles are mirrored: to the user's model, the agent is the "user" and it is the "assistant".
        _history.Add(new ChatMessage(ChatRole.User, agentMessage));
        var response = await _client.GetResponseAsync(_history, _options, cancellationToken).ConfigureAwait(false);
        var raw = response.Text ?? string.Empty;
        _history.Add(new ChatMessage(ChatRole.Assistant, raw));

        var ending = raw.Contains(PersonaPrompt.StopToken, StringComparison.Ordinal) || raw.Contains(PersonaPrompt.TransferToken, StringComparison.Ordinal)
            ? UserEnding.Satisfied
            : raw.Contains(PersonaPrompt.OutOfScopeToken, StringComparison.Ordinal) ? UserEnding.GaveUp : UserEnding.None;
        var text = raw.Replace(PersonaPrompt.StopToken, string.Empty, StringComparison.Ordinal)
            .Replace(PersonaPrompt.TransferToken, string.Empty, StringComparison.Ordinal)
            .Replace(PersonaPrompt.OutOfScopeToken, string.Empty, StringComparison.Ordinal)
            .Trim();

        var usage = response.Usage;
        var estimated = usage?.InputTokenCount is null;
        var tokens = estimated
            ? new TokenCount(TokenEstimate.Of(_history), TokenEstimate.Of(raw))
            : new TokenCount(usage!.InputTokenCount ?? 0, usage.OutputTokenCount ?? 0);
        return new UserTurn(text, ending, tokens, estimated);
    }
}
