using System.Text;
using System.Text.Json;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Sparring.Engine.Environments;
using Sparring.Transcripts.Json;
using Sparring.Transcripts.Parsing;

namespace Sparring.Transcripts.Derivation;

/// <summary>
/// Derives scenarios and personas from redacted transcripts: with a model when one is given (structured JSON,
/// validated; the heuristic takes over for a transcript whose answer is invalid, and the scenario records why), and
/// with <see cref="HeuristicDerivation"/> otherwise. Scenarios are tagged transcript and their mood, split by the
/// transcript's hash, and carry no gold actions and no required outputs (a transcript's ids come from that day's
/// systems, not the environment's state); whether the right end is a transfer comes from the agent's last turns.
/// </summary>
/// <param name="model">The model that reads transcripts, or null for the heuristic.</param>
/// <param name="testPercent">Share of transcripts whose scenarios go to the test split.</param>
/// <param name="logger">Logs fallbacks.</param>
public sealed class ScenarioDeriver(IChatClient? model = null, int testPercent = TranscriptSplit.DefaultTestPercent, ILogger<ScenarioDeriver>? logger = null)
{
    /// <summary>The prefix of derived scenario ids, followed by the transcript id.</summary>
    public const string IdPrefix = "transcript-";

    private readonly ILogger _logger = logger ?? NullLogger<ScenarioDeriver>.Instance;

    /// <summary>The scenarios of every transcript, in order.</summary>
    public async Task<IReadOnlyList<DerivedScenario>> DeriveAllAsync(IEnumerable<Transcript> redacted, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(redacted);
        var scenarios = new List<DerivedScenario>();
        foreach (var transcript in redacted)
        {
            scenarios.Add(await DeriveAsync(transcript, cancellationToken).ConfigureAwait(false));
        }

        return scenarios;
    }

    /// <summary>The scenario of one redacted transcript.</summary>
    public async Task<DerivedScenario> DeriveAsync(Transcript redacted, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(redacted);
        var heuristic = HeuristicDerivation.Derive(redacted);
        if (model is null)
        {
            return Build(redacted, heuristic, "heuristic", null);
        }

        string? problem;
        try
        {
            var response = await model.GetResponseAsync(Prompt(redacted), new ChatOptions { ResponseFormat = ChatResponseFormat.Json, Temperature = 0 }, cancellationToken).ConfigureAwait(false);
            var (draft, error) = Validate(response.Text ?? string.Empty, redacted, heuristic);
            if (draft is not null)
            {
                return Build(redacted, draft, "llm", null);
            }

            problem = error;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            problem = $"the model failed: {ex.Message}";
        }

        _logger.LogWarning("Derivation of transcript {Id} ({Source}:{Line}) fell back to the heuristic: {Problem}", redacted.Id, redacted.Source, redacted.Line, problem);
        return Build(redacted, heuristic, "heuristic", problem);
    }

    /// <summary>The messages that ask a model to derive the persona of <paramref name="redacted"/>.</summary>
    public static IReadOnlyList<ChatMessage> Prompt(Transcript redacted)
    {
        ArgumentNullException.ThrowIfNull(redacted);
        var conversation = new StringBuilder();
        foreach (var turn in redacted.Turns.Where(t => t.Role is TranscriptRole.Customer or TranscriptRole.Agent && t.Text.Length > 0))
        {
            conversation.Append(turn.Role == TranscriptRole.Customer ? "Customer: " : "Agent: ").AppendLine(turn.Text);
        }

        const string Instructions = """
            You read a customer support conversation and describe the customer, so that a simulator can play a customer like them.
            Answer with one JSON object and nothing else:
            {"reason": "why the customer contacted support, one or two sentences",
             "mood": "calm" | "confused" | "angry" | "panicked",
             "patience": number of customer messages before this customer would give up (1 to 30),
             "opening_line": "the customer's first message",
             "known_info": [{"key": "what the fact is, e.g. email or order number", "value": "the value exactly as the customer wrote it"}],
             "unknown_info": ["things the customer said they did not know"],
             "style_examples": ["up to three customer messages copied exactly"],
             "transfer": true if the agent handed the customer over to a human, else false}
            Placeholders such as [EMAIL] or [ADDRESS] are redacted facts: report them as known, with the placeholder as the value.
            Copy values and style examples exactly; never invent facts.
            """;
        return [new ChatMessage(ChatRole.System, Instructions), new ChatMessage(ChatRole.User, conversation.ToString())];
    }

    /// <summary>The draft in a model's answer, or why the answer cannot be used.</summary>
    internal static (PersonaDraft? Draft, string? Problem) Validate(string answer, Transcript redacted, PersonaDraft heuristic)
    {
        var json = answer.Trim();
        if (json.StartsWith("```", StringComparison.Ordinal))
        {
            // Models often fence JSON even when asked not to.
            json = json[(json.IndexOf('\n', StringComparison.Ordinal) + 1)..];
            json = json[..Math.Max(0, json.LastIndexOf("```", StringComparison.Ordinal))];
        }

        LlmDerivationAnswer? parsed;
        try
        {
            parsed = JsonSerializer.Deserialize(json, DerivationJsonContext.Default.LlmDerivationAnswer);
        }
        catch (JsonException ex)
        {
            return (null, $"the answer is not valid JSON at {ex.Path ?? "$"}: {ex.Message.Split(" Path:")[0]}");
        }

        if (parsed is null)
        {
            return (null, "the answer is null");
        }

        if (string.IsNullOrWhiteSpace(parsed.Reason) || parsed.Reason.Length > 400)
        {
            return (null, "$.reason must be a sentence or two (1 to 400 characters)");
        }

        if (!Enum.TryParse<Mood>(parsed.Mood, ignoreCase: true, out var mood) || !Enum.IsDefined(mood) || int.TryParse(parsed.Mood, out _))
        {
            return (null, $"$.mood '{parsed.Mood}' is not calm, confused, angry or panicked");
        }

        if (parsed.Patience is < 1 or > 30)
        {
            return (null, $"$.patience {parsed.Patience} is not between 1 and 30");
        }

        var customerText = string.Join("\n", redacted.CustomerTurns.Select(t => t.Text));
        var known = new List<KnownInfo>();
        var facts = parsed.KnownInfo ?? [];
        for (var i = 0; i < facts.Count; i++)
        {
            var fact = facts[i];
            if (string.IsNullOrWhiteSpace(fact.Key) || string.IsNullOrWhiteSpace(fact.Value))
            {
                return (null, $"$.known_info[{i}] needs a key and a value");
            }

            if (!customerText.Contains(fact.Value, StringComparison.OrdinalIgnoreCase))
            {
                return (null, $"$.known_info[{i}].value '{fact.Value}' is not in the customer's messages");
            }

            var first = redacted.CustomerTurns.First().Text;
            known.Add(new KnownInfo { Key = fact.Key.Trim(), Value = fact.Value.Trim(), AskedBy = [fact.Key.Trim()], Volunteered = first.Contains(fact.Value, StringComparison.OrdinalIgnoreCase) });
        }

        var turns = redacted.CustomerTurns.Select(t => t.Text).ToHashSet(StringComparer.Ordinal);
        var examples = (parsed.StyleExamples ?? []).Select(e => e.Trim()).ToList();
        var invented = examples.FindIndex(e => !turns.Contains(e));
        if (invented >= 0)
        {
            return (null, $"$.style_examples[{invented}] is not a customer message of the transcript");
        }

        var opening = string.IsNullOrWhiteSpace(parsed.OpeningLine) ? heuristic.OpeningLine : parsed.OpeningLine.Trim();
        return (new PersonaDraft(
            parsed.Reason.Trim(),
            mood,
            parsed.Patience ?? heuristic.Patience,
            opening,
            known,
            [.. (parsed.UnknownInfo ?? []).Where(u => !string.IsNullOrWhiteSpace(u)).Select(u => u.Trim())],
            examples.Count > 0 ? examples.Take(HeuristicDerivation.MaxStyleExamples).ToList() : heuristic.StyleExamples,
            parsed.Transfer ?? heuristic.Transfer), null);
    }

    private DerivedScenario Build(Transcript transcript, PersonaDraft draft, string method, string? fallbackReason)
    {
        var scenario = new ScenarioSpec
        {
            Id = IdPrefix + transcript.Id,
            Split = TranscriptSplit.Of(transcript.Id, testPercent),
            Tags = [ScenarioTags.Transcript, draft.Mood.ToString().ToLowerInvariant()],
            Description = $"Derived ({method}) from {transcript.Source}:{transcript.Line}",
            Persona = new PersonaSpec
            {
                ReasonForCall = draft.Reason,
                OpeningLine = draft.OpeningLine,
                Mood = draft.Mood,
                Patience = draft.Patience,
                Urgency = draft.Mood == Mood.Panicked ? draft.Reason : null,
                KnownInfo = draft.KnownInfo,
                UnknownInfo = [.. draft.UnknownInfo.Select(u => new UnknownInfo { Key = u })],
            },
            Expected = new ExpectedOutcome { Transfer = draft.Transfer },
        };
        return new DerivedScenario(scenario, transcript.Id, method, fallbackReason, draft.StyleExamples);
    }
}
