using Microsoft.Extensions.AI;
using Sparring.Engine.Policies;
using Sparring.Samples.MedicalSupply.Agent;

namespace Sparring.Samples.MedicalSupply;

/// <summary>
/// A rule-based policy for the medical-supply environment, usable wherever a chat model is: it reads the whole
/// conversation on every call (caller intent and facts by keywords and patterns, tool results so far) and answers with
/// one tool call or one message, following the environment's policy: emergencies first, then identify, look up,
/// confirm, act, report. Stateless, deterministic and thread-safe.
/// </summary>
public sealed class ReferenceAgent : RuleBasedPolicy
{
    /// <summary>The model id its responses carry.</summary>
    public const string ModelId = "medical-supply-reference-v1";

    /// <inheritdoc />
    protected override ChatResponse Respond(IReadOnlyList<ChatMessage> messages, ChatOptions? options)
    {
        var conversation = new Conversation(messages);
        return StepResponse.From(ReferencePlanner.Next(conversation), conversation, ModelId);
    }

}
