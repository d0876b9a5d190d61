using System.Text.Json;
using System.Text.RegularExpressions;
using System.Text.Json.Nodes;
using Microsoft.Extensions.AI;

namespace Sparring.Samples.MedicalSupply.Agent;

/// <summary>
/// The conversation so far as a policy sees it: what the caller said, what the agent said and every tool call with its
/// outcome, in order. Rule-based agents rebuild it on every call, so they keep no state between calls.
/// </summary>
internal sealed partial class Conversation
{
    private readonly List<ConversationEntry> _entries = [];

    /// <summary>Reads the chat messages an episode hands to its policy.</summary>
    public Conversation(IEnumerable<ChatMessage> messages)
    {
        ArgumentNullException.ThrowIfNull(messages);
        var pending = new Dictionary<string, (int Index, string Name, JsonObject Arguments)>(StringComparer.Ordinal);
        foreach (var message in messages)
        {
            if (message.Role == ChatRole.System)
            {
                Today ??= TodayPattern().Match(message.Text) is { Success: true } today ? today.Groups["date"].Value : null;
            }
            else if (message.Role == ChatRole.User)
            {
                _entries.Add(new ConversationEntry(ConversationEntry.User, message.Text, null));
            }
            else if (message.Role == ChatRole.Assistant)
            {
                if (!string.IsNullOrWhiteSpace(message.Text))
                {
                    _entries.Add(new ConversationEntry(ConversationEntry.Agent, message.Text, null));
                }

                foreach (var call in message.Contents.OfType<FunctionCallContent>())
                {
                    CallCount++;
                    var arguments = call.Arguments is null
                        ? []
                        : JsonSerializer.SerializeToNode(call.Arguments, AIJsonUtilities.DefaultOptions.GetTypeInfo(typeof(IDictionary<string, object?>))) as JsonObject ?? [];
                    pending[call.CallId] = (_entries.Count, call.Name, arguments);
                    _entries.Add(new ConversationEntry(ConversationEntry.Tool, null, new ToolExchange(call.Name, arguments, null, "no result")));
                }
            }
            else if (message.Role == ChatRole.Tool)
            {
                foreach (var result in message.Contents.OfType<FunctionResultContent>())
                {
                    if (pending.Remove(result.CallId, out var call))
                    {
                        _entries[call.Index] = new ConversationEntry(ConversationEntry.Tool, null, Exchange(call.Name, call.Arguments, result.Result?.ToString() ?? string.Empty));
                    }
                }
            }
        }

        // Read many times per step: derived once, as the entries no longer change.
        UserTexts = [.. _entries.Where(e => e.Speaker == ConversationEntry.User).Select(e => e.Text!)];
        AgentTexts = [.. _entries.Where(e => e.Speaker == ConversationEntry.Agent).Select(e => e.Text!)];
        Calls = [.. _entries.Where(e => e.Exchange is not null).Select(e => e.Exchange!)];
    }

    /// <summary>Today as the instructions state it ("Today is YYYY-MM-DD"), if they do.</summary>
    public string? Today { get; }

    /// <summary>Every entry, in order.</summary>
    public IReadOnlyList<ConversationEntry> Entries => _entries;

    /// <summary>How many tool calls the agent has made.</summary>
    public int CallCount { get; }

    /// <summary>Everything the caller said, in order.</summary>
    public IReadOnlyList<string> UserTexts { get; }

    /// <summary>Everything the agent said, in order.</summary>
    public IReadOnlyList<string> AgentTexts { get; }

    /// <summary>Every tool call, in order.</summary>
    public IReadOnlyList<ToolExchange> Calls { get; }

    /// <summary>The caller's first message.</summary>
    public string FirstUserText => UserTexts.FirstOrDefault() ?? string.Empty;

    /// <summary>The latest successful call of a tool whose arguments pass the filter.</summary>
    public ToolExchange? LastSuccess(string tool, Func<ToolExchange, bool>? filter = null) =>
        Calls.LastOrDefault(c => c.Name == tool && c.Succeeded && (filter is null || filter(c)));

    /// <summary>The latest call of a tool with exactly these arguments.</summary>
    public ToolExchange? LastCall(string tool, JsonObject arguments) =>
        Calls.LastOrDefault(c => c.Name == tool && JsonNode.DeepEquals(c.Arguments, arguments));

    /// <summary>Whether the agent said something containing <paramref name="fragment"/>.</summary>
    public bool AgentSaid(string fragment) => AgentTexts.Any(t => t.Contains(fragment, StringComparison.OrdinalIgnoreCase));

    /// <summary>What the caller answered right after the agent's last message containing <paramref name="fragment"/>, if anything.</summary>
    public string? ReplyTo(string fragment)
    {
        for (var i = _entries.Count - 1; i >= 0; i--)
        {
            if (_entries[i].Speaker == ConversationEntry.Agent && _entries[i].Text!.Contains(fragment, StringComparison.Ordinal))
            {
                return _entries.Skip(i + 1).FirstOrDefault(e => e.Speaker == ConversationEntry.User)?.Text;
            }
        }

        return null;
    }

    /// <summary>What the caller said after the agent's last message containing <paramref name="fragment"/>.</summary>
    public IReadOnlyList<string> UserTextsAfter(string fragment)
    {
        for (var i = _entries.Count - 1; i >= 0; i--)
        {
            if (_entries[i].Speaker == ConversationEntry.Agent && _entries[i].Text!.Contains(fragment, StringComparison.Ordinal))
            {
                return [.. _entries.Skip(i + 1).Where(e => e.Speaker == ConversationEntry.User).Select(e => e.Text!)];
            }
        }

        return [];
    }

    private static ToolExchange Exchange(string name, JsonObject arguments, string result)
    {
        const string ErrorPrefix = "Error: ";
        if (result.StartsWith(ErrorPrefix, StringComparison.Ordinal))
        {
            return new ToolExchange(name, arguments, null, result[ErrorPrefix.Length..]);
        }

        try
        {
            return new ToolExchange(name, arguments, JsonNode.Parse(result), null);
        }
        catch (JsonException)
        {
            return new ToolExchange(name, arguments, JsonValue.Create(result), null);
        }
    }

    [GeneratedRegex(@"Today is (?<date>\d{4}-\d{2}-\d{2})")]
    private static partial Regex TodayPattern();
}
