using System.Collections.Frozen;
using System.Text.Json.Nodes;
using Microsoft.Extensions.AI;
using Sparring.Engine.Policies;
using Sparring.Engine.Tools;
using Sparring.Samples.MedicalSupply.Agent;

namespace Sparring.Samples.MedicalSupply;

/// <summary>
/// The reference agent with deliberate, seeded mistakes, to synthesize transcripts that reinforcement learning has
/// something to fix in: per episode (chosen from the request's seed and the caller's opening) it may forget a
/// confirmation, pass a wrong argument, transfer needlessly, miss the emergency advice or fail to transfer.
/// Stateless and deterministic: the same seed and conversation always give the same answer.
/// </summary>
/// <param name="mistakeRate">Probability in [0, 1] that an episode gets a mistake.</param>
public sealed class ImperfectAgent(double mistakeRate = ImperfectAgent.DefaultMistakeRate) : RuleBasedPolicy
{
    /// <summary>The mistake rate the committed transcripts were made with.</summary>
    public const double DefaultMistakeRate = 0.6;

    /// <summary>The model id its responses carry.</summary>
    public const string ModelId = "medical-supply-imperfect-v1";

    private static readonly FrozenDictionary<string, string[]> Reasons = new Dictionary<string, string[]>(StringComparer.Ordinal)
    {
        ["cancel_order"] = ["no_longer_needed", "ordered_by_mistake", "found_elsewhere", "other"],
        ["request_return"] = ["defective", "damaged_in_transit", "wrong_item", "no_longer_needed"],
        ["dispute_invoice"] = ["duplicate_charge", "incorrect_amount", "insurance_not_applied", "item_not_received"],
    }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <inheritdoc />
    protected override ChatResponse Respond(IReadOnlyList<ChatMessage> messages, ChatOptions? options)
    {
        var conversation = new Conversation(messages);
        var mistake = Plan(conversation, options?.Seed ?? 0);
        var step = ReferencePlanner.Next(conversation, ignoreEmergencies: mistake == AgentMistake.MissesEmergency);
        return StepResponse.From(Spoil(mistake, step, conversation), conversation, ModelId);
    }

    // Chosen from what the episode is about, so that the mistake is one that can happen in it.
    private AgentMistake Plan(Conversation conversation, long seed)
    {
        var random = new DeterministicRandom(DeterministicRandom.SeedFrom($"{seed}\n{conversation.FirstUserText}"));
        if (random.NextDouble() >= mistakeRate)
        {
            return AgentMistake.None;
        }

        if (IntentClassifier.IsEmergency([conversation.FirstUserText]))
        {
            return AgentMistake.MissesEmergency;
        }

        return IntentClassifier.Classify(conversation.FirstUserText) switch
        {
            SupportIntent.InsuranceAppeal or SupportIntent.LegalComplaint or SupportIntent.PrescriptionChange
                or SupportIntent.AccountHolderDeceased or SupportIntent.HumanRequested => AgentMistake.MissesTransfer,
            _ => random.Pick([AgentMistake.ForgetsConfirmation, AgentMistake.WrongArgument, AgentMistake.NeedlessTransfer]),
        };
    }

    private static AgentStep Spoil(AgentMistake mistake, AgentStep step, Conversation conversation) => mistake switch
    {
        AgentMistake.ForgetsConfirmation when step.Kind == StepKind.Confirm => step.Pending!,
        AgentMistake.WrongArgument when step.Kind == StepKind.Act && conversation.Calls.All(c => c.Name != step.Tool) => WrongArgument(step, conversation),
        AgentMistake.NeedlessTransfer when step.Kind is StepKind.Say or StepKind.Confirm && conversation.CallCount > 0 => AgentStep.Transfer(new JsonObject
        {
            ["reason"] = "other",
            ["summary"] = "The caller needs more help than I can give.",
        }),
        AgentMistake.MissesTransfer when step.Kind == StepKind.Transfer => AgentStep.Tell(
            "I've made a note of your request, and someone from our team will call you back within two business days. Is there anything else I can help you with?"),
        _ => step,
    };

    private static AgentStep WrongArgument(AgentStep step, Conversation conversation)
    {
        var arguments = (JsonObject)step.Arguments!.DeepClone();
        if (Reasons.TryGetValue(step.Tool!, out var reasons))
        {
            var reason = (string)arguments["reason"]!;
            arguments["reason"] = reasons[(Array.IndexOf(reasons, reason) + 1) % reasons.Length];
        }
        else if (step.Tool == "change_delivery_address")
        {
            // A misheard house number: the first digit is off by one.
            var address = arguments["address"]!.AsObject();
            var line1 = (string)address["line1"]!;
            address["line1"] = char.IsDigit(line1[0]) ? (char)('1' + ((line1[0] - '0') % 9)) + line1[1..] : "1" + line1;
        }
        else if (step.Tool == "schedule_technician"
            && conversation.LastSuccess("get_technician_availability")?.Result?["slots"] is JsonArray slots
            && slots.Select(s => (string)s!["slot_id"]!).Where(id => id != (string)arguments["slot_id"]!).LastOrDefault() is { } other)
        {
            arguments["slot_id"] = other;
        }

        return AgentStep.Act(step.Tool!, arguments);
    }
}
