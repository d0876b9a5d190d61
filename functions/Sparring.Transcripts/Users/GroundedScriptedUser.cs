using System.Text.RegularExpressions;
using Sparring.Engine.Environments;
using Sparring.Engine.Tools;
using Sparring.Engine.Users;

namespace Sparring.Transcripts.Users;

/// <summary>
/// A rule-driven user whose words come from real customers: it follows its persona as <see cref="ScriptedMockUser"/>
/// does (facts only when asked, reply rules, satisfiedWhen, patience), but says each thing the way the customers of
/// the nearest real conversations said it: their answer templates, acknowledgements to proposals, restatements,
/// closing and give-up lines, picked with a seeded random. A persona without satisfiedWhen (a derived one) ends the
/// call the way real customers did, when the agent wraps up.
/// </summary>
public sealed partial class GroundedScriptedUser : IMockUser
{
    private readonly PersonaSpec _persona;
    private readonly IReadOnlyList<GroundedConversation> _neighbours;
    private readonly DeterministicRandom _random;
    private readonly HashSet<string> _heard = new(StringComparer.OrdinalIgnoreCase);
    private readonly HashSet<int> _firedRules = [];
    private int _turns;

    /// <summary>Creates the user for a persona, grounded on its nearest conversations.</summary>
    public GroundedScriptedUser(PersonaSpec persona, IReadOnlyList<GroundedConversation> neighbours, long seed)
    {
        ArgumentNullException.ThrowIfNull(persona);
        ArgumentNullException.ThrowIfNull(neighbours);
        _persona = persona;
        _neighbours = neighbours;
        _random = new DeterministicRandom((ulong)seed);
    }

    /// <inheritdoc />
    public Task<UserTurn> StartAsync(CancellationToken cancellationToken)
    {
        var opening = _persona.OpeningLine ?? (_neighbours.Count > 0 && _neighbours[0].Mood == _persona.Mood
            ? _neighbours[0].Opening
            : $"Hi. {_persona.ReasonForCall}");
        var volunteered = _persona.KnownInfo.Where(f => f.Volunteered && !opening.Contains(f.Value, StringComparison.OrdinalIgnoreCase)).Select(Reveal);
        return Task.FromResult(new UserTurn(string.Join(" ", new[] { opening }.Concat(volunteered))));
    }

    /// <inheritdoc />
    public Task<UserTurn> RespondAsync(string agentMessage, CancellationToken cancellationToken)
    {
        _turns++;
        var message = agentMessage ?? string.Empty;
        foreach (var cue in _persona.SatisfiedWhen.Where(c => message.Contains(c, StringComparison.OrdinalIgnoreCase)))
        {
            _heard.Add(cue);
        }

        var satisfied = _persona.SatisfiedWhen.Count > 0
            ? _persona.SatisfiedWhen.All(_heard.Contains)
            : WrapUp().IsMatch(message);
        if (satisfied)
        {
            return Task.FromResult(new UserTurn(Closing(), UserEnding.Satisfied));
        }

        var parts = new List<string>();
        if (FirstReply(message) is { } rule)
        {
            parts.Add(rule);
        }

        parts.AddRange(_persona.KnownInfo.Where(f => (f.AskedBy ?? [f.Key]).Any(p => message.Contains(p, StringComparison.OrdinalIgnoreCase))).Select(Reveal));
        parts.AddRange(_persona.UnknownInfo.Where(u => (u.AskedBy ?? [u.Key]).Any(p => message.Contains(p, StringComparison.OrdinalIgnoreCase))).Select(u => $"I don't know my {u.Key}, sorry."));
        if (_turns > _persona.Patience)
        {
            return Task.FromResult(new UserTurn(GiveUp(), UserEnding.GaveUp));
        }

        if (parts.Count == 0)
        {
            parts.Add(Proposal().IsMatch(message) ? Acknowledge() : Restate());
        }

        return Task.FromResult(new UserTurn(string.Join(" ", parts)));
    }

    private string? FirstReply(string message)
    {
        for (var i = 0; i < _persona.Replies.Count; i++)
        {
            var rule = _persona.Replies[i];
            if ((!rule.Once || !_firedRules.Contains(i)) && rule.When.Any(w => message.Contains(w, StringComparison.OrdinalIgnoreCase)))
            {
                _firedRules.Add(i);
                return rule.Say;
            }
        }

        return null;
    }

    private string Reveal(KnownInfo fact)
    {
        var templates = Pool(c => c.Answers.Where(a => string.Equals(a.Key, fact.Key, StringComparison.OrdinalIgnoreCase)).Select(a => a.Template));
        return templates.Count > 0 ? _random.Pick<string>(templates).Replace("{value}", fact.Value, StringComparison.Ordinal) : $"My {fact.Key} is {fact.Value}.";
    }

    private string Closing() => PickOr(c => c.Closing is null ? [] : [c.Closing], "Thank you, that's all.");

    private string GiveUp() => PickOr(c => c.GiveUp is null ? [] : [c.GiveUp], "Never mind, I'll call back later.");

    private string Acknowledge() => PickOr(c => c.Acknowledgements, "Yes, please.");

    private string Restate() => PickOr(c => c.Restatements, $"As I said, {Lower(_persona.ReasonForCall)}");

    private string PickOr(Func<GroundedConversation, IEnumerable<string>> phrases, string fallback)
    {
        var list = Pool(phrases);
        return list.Count > 0 ? _random.Pick<string>(list) : fallback;
    }

    // Phrases of the neighbours with the persona's mood when they have any, else of all neighbours: an angry
    // customer's asides must not leak into a calm persona's answers.
    private List<string> Pool(Func<GroundedConversation, IEnumerable<string>> phrases)
    {
        var sameMood = _neighbours.Where(c => c.Mood == _persona.Mood).SelectMany(phrases).ToList();
        return sameMood.Count > 0 ? sameMood : [.. _neighbours.SelectMany(phrases)];
    }

    // "My order…" → "my order…" mid-sentence; "I …" and acronyms keep their capital.
    private static string Lower(string text) =>
        text.Length > 1 && char.IsUpper(text[0]) && char.IsLower(text[1]) ? char.ToLowerInvariant(text[0]) + text[1..] : text;

    // The agent closes the call: the moment real customers say thanks and goodbye.
    [GeneratedRegex(@"anything else|is there something else|have a (?:good|great|nice)|glad I could help|take care", RegexOptions.IgnoreCase)]
    private static partial Regex WrapUp();

    // The agent proposes or asks for a yes: answered with a real acknowledgement.
    [GeneratedRegex(@"shall I|should I|go ahead|would you like|do you want|is that (?:ok|okay|right|correct)|can I", RegexOptions.IgnoreCase)]
    private static partial Regex Proposal();
}
