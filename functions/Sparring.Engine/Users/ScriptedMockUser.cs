using Sparring.Engine.Environments;
using Sparring.Engine.Tools;

namespace Sparring.Engine.Users;

/// <summary>
/// A rule-driven user, deterministic for a seed: opens with its opening line, reveals a known fact only when the
/// agent asks for it, says it does not know its unknown facts, answers by its reply rules, talks per its mood (a
/// panicked user repeats its urgency), and stops when it has heard everything in satisfiedWhen or its patience runs out.
/// </summary>
public sealed class ScriptedMockUser : IMockUser
{
    private readonly PersonaSpec _persona;
    private readonly DeterministicRandom _random;
    private readonly HashSet<string> _heard = new(StringComparer.OrdinalIgnoreCase);
    private readonly HashSet<int> _firedRules = [];
    private int _turns;

    /// <summary>Creates the user for a persona.</summary>
    public ScriptedMockUser(PersonaSpec persona, long seed)
    {
        ArgumentNullException.ThrowIfNull(persona);
        _persona = persona;
        _random = new DeterministicRandom((ulong)seed);
    }

    /// <inheritdoc />
    public Task<UserTurn> StartAsync(CancellationToken cancellationToken)
    {
        var opening = _persona.OpeningLine ?? $"Hi. {_persona.ReasonForCall}";
        var volunteered = _persona.KnownInfo.Where(f => f.Volunteered).Select(Reveal);
        return Task.FromResult(new UserTurn(Flavor(string.Join(" ", new[] { opening }.Concat(volunteered)))));
    }

    /// <inheritdoc />
    public Task<UserTurn> RespondAsync(string agentMessage, CancellationToken cancellationToken)
    {
        _turns++;
        var message = agentMessage ?? string.Empty;
        foreach (var cue in _persona.SatisfiedWhen.Where(c => Mentions(message, c)))
        {
            _heard.Add(cue);
        }

        if (_persona.SatisfiedWhen.Count > 0 && _persona.SatisfiedWhen.All(_heard.Contains))
        {
            return Task.FromResult(new UserTurn(Goodbye(), UserEnding.Satisfied));
        }

        var parts = new List<string>();
        var rule = FirstReply(message);
        if (rule is not null)
        {
            parts.Add(rule);
        }

        parts.AddRange(_persona.KnownInfo.Where(f => AskedFor(message, f.Key, f.AskedBy)).Select(Reveal));
        parts.AddRange(_persona.UnknownInfo.Where(u => AskedFor(message, u.Key, u.AskedBy)).Select(DoNotKnow));

        if (_turns > _persona.Patience)
        {
            return Task.FromResult(new UserTurn(GiveUp(), UserEnding.GaveUp));
        }

        if (parts.Count == 0)
        {
            parts.Add(Restate());
        }

        return Task.FromResult(new UserTurn(Flavor(string.Join(" ", parts))));
    }

    private string? FirstReply(string message)
    {
        for (var i = 0; i < _persona.Replies.Count; i++)
        {
            var rule = _persona.Replies[i];
            if ((!rule.Once || !_firedRules.Contains(i)) && rule.When.Any(w => Mentions(message, w)))
            {
                _firedRules.Add(i);
                return rule.Say;
            }
        }

        return null;
    }

    private static bool AskedFor(string message, string key, IReadOnlyList<string>? askedBy) =>
        (askedBy ?? [key]).Any(phrase => Mentions(message, phrase));

    private static bool Mentions(string message, string phrase) =>
        message.Contains(phrase, StringComparison.OrdinalIgnoreCase);

    private string Reveal(KnownInfo fact) => _random.Pick<string>(
    [
        $"My {fact.Key} is {fact.Value}.",
        $"Sure, my {fact.Key} is {fact.Value}.",
        $"It's {fact.Value} — that's my {fact.Key}.",
    ]);

    private string DoNotKnow(UnknownInfo unknown) => _random.Pick<string>(
    [
        $"I don't know my {unknown.Key}, sorry.",
        $"I'm afraid I don't have my {unknown.Key}.",
        $"I don't remember my {unknown.Key}.",
    ]);

    private string Restate() => _persona.Mood switch
    {
        Mood.Confused => $"Sorry, I'm not sure what you mean. {_persona.ReasonForCall}",
        Mood.Angry => $"You're not listening. {_persona.ReasonForCall}",
        _ => $"As I said, {Lower(_persona.ReasonForCall)}",
    };

    private string Goodbye() => _persona.Mood switch
    {
        Mood.Angry => "Fine. That's all.",
        Mood.Panicked => "Okay, okay. Thank you.",
        _ => _random.Pick<string>(["Thank you, that's all I needed.", "Great, thanks for your help!", "Perfect, thank you. Goodbye."]),
    };

    private string GiveUp() => _persona.Mood switch
    {
        Mood.Angry => "This is useless. I'm hanging up.",
        Mood.Panicked => "I can't wait any longer, I'm hanging up!",
        _ => "Never mind, I'll call back later.",
    };

    private string Flavor(string text) => _persona.Mood switch
    {
        Mood.Panicked => $"Please hurry, {Lower(_persona.Urgency ?? _persona.ReasonForCall).TrimEnd('.', '!')}! {text}",
        Mood.Angry when _random.NextDouble() < 0.5 => $"{text} And I've already wasted enough time on this.",
        Mood.Confused when _random.NextDouble() < 0.3 => $"Um, okay... {text}",
        _ => text,
    };

    // "My order…" → "my order…" mid-sentence; "I …", "I'm …" and acronyms keep their capital.
    private static string Lower(string text) =>
        text.Length > 1 && char.IsUpper(text[0]) && char.IsLower(text[1]) ? char.ToLowerInvariant(text[0]) + text[1..] : text;
}
