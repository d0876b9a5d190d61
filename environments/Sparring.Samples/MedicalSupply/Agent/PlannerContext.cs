using System.Text.Json.Nodes;

namespace Sparring.Samples.MedicalSupply.Agent;

/// <summary>
/// What the reference agent knows at one step, derived from the conversation alone: the caller's intent and facts,
/// the customer once identified, tool results so far, and the shared steps every flow goes through (identify, pick
/// the order, fetch, confirm, report).
/// </summary>
internal sealed class PlannerContext
{
    private static readonly string[] AngryWords = ["ridiculous", "unacceptable", "useless", "wasted", "fed up", "right now", "!!"];

    /// <summary>Reads the conversation.</summary>
    public PlannerContext(Conversation conversation)
    {
        Conversation = conversation;
        Facts = new CallerFacts(conversation.UserTexts);
        // The opening says what the caller wants; when it is unclear, what they said since may tell.
        Intent = IntentClassifier.Classify(conversation.FirstUserText) is var opening and not SupportIntent.Unknown
            ? opening
            : IntentClassifier.Classify(string.Join(" ", conversation.UserTexts));
    }

    /// <summary>The conversation so far.</summary>
    public Conversation Conversation { get; }

    /// <summary>What the caller said, as facts.</summary>
    public CallerFacts Facts { get; }

    /// <summary>What the caller wants.</summary>
    public SupportIntent Intent { get; }

    /// <summary>The identified customer's id.</summary>
    public string? CustomerId => Conversation.LastSuccess("find_customer") is { } found ? Say.Text(found.Result, "customer_id") : null;

    /// <summary>Arguments of one property.</summary>
    public static JsonObject Args(string name, string value) => new() { [name] = value };

    /// <summary>Looks the customer up, or asks for what is needed to; null once the customer is known.</summary>
    public AgentStep? Identify()
    {
        if (CustomerId is not null)
        {
            return null;
        }

        var email = Facts.Email;
        if (email is not null && Conversation.LastCall("find_customer", Args("email", email)) is null)
        {
            return AgentStep.Lookup("find_customer", Args("email", email));
        }

        if (Facts.FullName is { } name && (Facts.DateOfBirth ?? Facts.Zip) is not null)
        {
            var byName = new JsonObject { ["first_name"] = name.First, ["last_name"] = name.Last };
            if (Facts.DateOfBirth is { } birth)
            {
                byName["date_of_birth"] = birth;
            }
            else
            {
                byName["zip"] = Facts.Zip;
            }

            if (Conversation.LastCall("find_customer", byName) is null)
            {
                return AgentStep.Lookup("find_customer", byName);
            }
        }

        var failed = Conversation.Calls.LastOrDefault(c => c.Name == "find_customer" && !c.Succeeded);
        if (Conversation.AgentSaid(Say.AskNameAndBirth))
        {
            return AgentStep.Tell(failed is null
                ? Say.AskNameAndBirth
                : $"I'm sorry, I couldn't find an account with those details. {Say.AskNameAndBirth}");
        }

        if (failed is not null)
        {
            return AgentStep.Tell($"I couldn't find an account with the email {email}. {Say.AskNameAndBirth}");
        }

        return AgentStep.Tell(Conversation.AgentSaid(Say.AskEmail) ? $"No problem. {Say.AskNameAndBirth}" : $"To pull up your account: {Say.AskEmail}");
    }

    /// <summary>
    /// The result of a read-only call: null step and the result when it was made and succeeded; else the call to make,
    /// or an apology relaying why it failed.
    /// </summary>
    public AgentStep? Need(string tool, JsonObject arguments, out JsonNode result)
    {
        var call = Conversation.LastCall(tool, arguments);
        result = call?.Result ?? new JsonObject();
        if (call is null)
        {
            return AgentStep.Lookup(tool, arguments);
        }

        return call.Succeeded ? null : AgentStep.Tell($"I'm sorry, I couldn't find that: {call.Error}");
    }

    /// <summary>
    /// The order the caller means: the order number they gave, else the order whose items they named, else the only one
    /// in a status that fits the request; asks for the order number when that leaves several.
    /// </summary>
    public AgentStep? SelectOrder(IReadOnlyList<string> likelyStatuses, out string orderId, out JsonNode order)
    {
        order = new JsonObject();
        orderId = Facts.OrderId ?? string.Empty;
        if (orderId.Length == 0)
        {
            if (Need("list_orders", Args("customer_id", CustomerId!), out var list) is { } listing)
            {
                return listing;
            }

            var orders = list.AsArray().Select(o => o!).ToList();
            var best = ItemMatcher.Best([.. orders.Select(o => string.Join(" ", o["items"]!.AsArray().Select(i => (string)i!)))], Facts.Texts);
            var candidates = best.Count > 0 ? [.. best.Select(i => orders[i])] : orders;
            var fitting = candidates.Where(o => likelyStatuses.Contains(Say.Text(o, "status"))).ToList();
            if (candidates.Count > 1 && fitting.Count > 0)
            {
                candidates = fitting;
            }

            if (candidates.Count != 1)
            {
                var described = orders.Select(o => $"{Say.Text(o, "order_id")} ({Say.List([.. o["items"]!.AsArray().Select(i => (string)i!)])}, {Say.Text(o, "status")})").ToList();
                return AgentStep.Tell($"I see these orders on your account: {string.Join("; ", described)}. Which one is it? Please tell me the order number.");
            }

            orderId = Say.Text(candidates[0], "order_id");
        }

        if (Need("get_order", Args("order_id", orderId), out order) is { } details)
        {
            return details;
        }

        return Say.Text(order, "customer_id") == CustomerId
            ? null
            : AgentStep.Tell($"I'm sorry, I can't find order {orderId} on your account. Could you check the order number?");
    }

    /// <summary>
    /// Asks the caller to confirm a change, and makes it once they said yes; does nothing if they said no. A change that
    /// was tried and refused is not tried again: the caller hears why.
    /// </summary>
    public AgentStep ConfirmThen(string proposal, AgentStep change, Func<string, string> refused)
    {
        if (Conversation.LastCall(change.Tool!, change.Arguments!) is { Succeeded: false } failed)
        {
            return AgentStep.Tell(refused(failed.Error!));
        }

        var question = $"{proposal} {Say.Confirm}";
        return CallerFacts.Agrees(Conversation.ReplyTo(question)) switch
        {
            true => change,
            false => AgentStep.Tell(Say.Declined),
            null => AgentStep.Confirm(question, change),
        };
    }

    /// <summary>Reports an outcome once; afterwards only asks whether there is anything else.</summary>
    public AgentStep Report(string text) =>
        AgentStep.Tell(Conversation.AgentSaid(text) ? Say.AnythingElse : text);

    /// <summary>The first thing the agent says acknowledges the request (and the caller's frustration, if any).</summary>
    public AgentStep Opening(AgentStep step)
    {
        if (step.IsCall || step.Kind == StepKind.Emergency || Conversation.AgentTexts.Count > 0)
        {
            return step;
        }

        var sorry = AngryWords.Any(w => Conversation.FirstUserText.Contains(w, StringComparison.OrdinalIgnoreCase)) ? "I'm sorry for the frustration. " : string.Empty;
        var acknowledgement = Intent switch
        {
            SupportIntent.Track => "I'll check on your delivery.",
            SupportIntent.Cancel => "I can help you cancel that.",
            SupportIntent.ChangeAddress => "I can help with the delivery address.",
            SupportIntent.Return => "I can help you with a return.",
            SupportIntent.Invoice => "I'd be glad to go through your bill with you.",
            SupportIntent.Dispute => "I'm sorry about the billing trouble; let's sort it out.",
            SupportIntent.Troubleshoot => "I'm sorry your equipment is giving you trouble.",
            SupportIntent.Unknown => string.Empty,
            _ => "I understand.",
        };
        // One apology is enough: an acknowledgement that already apologises does not need the frustration one too.
        var text = (acknowledgement.StartsWith("I'm sorry", StringComparison.Ordinal) ? $"{acknowledgement} {step.Text}" : $"{sorry}{acknowledgement} {step.Text}").Trim();
        return step.Kind == StepKind.Confirm ? AgentStep.Confirm(text, step.Pending!) : AgentStep.Tell(text, step.Kind);
    }
}
