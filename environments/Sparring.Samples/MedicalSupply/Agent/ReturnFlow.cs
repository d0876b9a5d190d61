using System.Globalization;
using System.Text.Json.Nodes;

namespace Sparring.Samples.MedicalSupply.Agent;

/// <summary>Returns of delivered items: window, hygiene and insurance rules, restocking fee, refund.</summary>
internal static class ReturnFlow
{
    private const string OpenedQuestion = "been opened?";
    private const int RestockingFeePercent = 15;

    /// <summary>Sets up the return the caller asks for, or explains why it cannot be.</summary>
    public static AgentStep Next(PlannerContext c)
    {
        if (c.Identify() is { } identify)
        {
            return identify;
        }

        if (c.SelectOrder(["delivered"], out var orderId, out var order) is { } select)
        {
            return select;
        }

        if (c.Conversation.LastSuccess("request_return", x => x.Argument("order_id") == orderId) is { } done)
        {
            var refundTo = Say.Text(done.Result, "refund_to");
            return c.Report($"Your return is set up: return number {Say.Text(done.Result, "return_id")}. A prepaid return label has been emailed to you, " +
                $"and a refund of {Say.Money(done.Result?["refund_amount"])} will go to {(refundTo.StartsWith("a credit", StringComparison.Ordinal) ? refundTo : "your " + refundTo)} " +
                $"within 5 to 7 business days after the items arrive. {Say.AnythingElse}");
        }

        if (Say.Text(order, "status") != "delivered")
        {
            return c.Report($"Order {orderId} hasn't been delivered (it's {Say.Text(order, "status")}), so there's nothing to return yet.");
        }

        if (c.Conversation.Today is { } today && string.CompareOrdinal(Say.Text(order, "return_window_ends"), today) < 0)
        {
            return c.Report($"I'm sorry, order {orderId} was delivered on {Say.Date(Say.Text(order, "delivered_at"))}, more than 30 days ago, so it's outside " +
                $"our 30-day return window, which ended on {Say.Date(Say.Text(order, "return_window_ends"))}. I can't accept a return for it.");
        }

        var items = order["items"]!.AsArray().Select(i => i!).Where(i => (int)i["quantity"]! > (int)i["returned_quantity"]!).ToList();
        var chosen = Choose(c, items);
        if (chosen.Count == 0)
        {
            return AgentStep.Tell($"Which items would you like to return: {Say.List([.. items.Select(i => Say.Text(i, "name"))])}?");
        }

        var singleUse = chosen.Where(i => (bool)i["single_use"]!).ToList();
        var opened = false;
        if (singleUse.Count > 0)
        {
            var question = $"Has the packaging of the {Say.List([.. singleUse.Select(i => Say.Text(i, "name"))])} {OpenedQuestion}";
            if (c.Conversation.ReplyTo(question) is not { } answer)
            {
                return AgentStep.Tell(question);
            }

            opened = Opened(answer);
            if (opened && singleUse.Count == chosen.Count)
            {
                var names = Say.List([.. singleUse.Select(i => Say.Text(i, "name"))]);
                return c.Report($"I'm sorry, the {names} {(singleUse.Count == 1 ? "is a single-use item" : "are single-use items")} and " +
                    $"{(singleUse.Count == 1 ? "has" : "have")} been opened, so for hygiene reasons we can't accept {(singleUse.Count == 1 ? "it" : "them")} back.");
            }

            if (opened)
            {
                chosen = [.. chosen.Except(singleUse)];
            }
        }

        if (IntentClassifier.ReturnReason(c.Facts.Texts) is not { } reason)
        {
            return AgentStep.Tell("What's the reason for the return: is it defective, damaged in delivery, the wrong item, or no longer needed?");
        }

        var equipment = chosen.Where(i => Say.Text(i, "category") != "consumable").ToList();
        if (equipment.Count > 0)
        {
            if (c.Need("get_invoice", PlannerContext.Args("order_id", orderId), out var invoice) is { } billing)
            {
                return billing;
            }

            if (invoice["insurance_covered"]!.GetValue<decimal>() > 0)
            {
                return TransferFlow.Handoff(c, "insured_return",
                    $"Your {Say.List([.. equipment.Select(i => Say.Text(i, "name"))])} was billed to {Say.Text(invoice, "insurance_provider")}, so its return goes " +
                    "through our insurance team rather than a regular refund.");
            }
        }

        var lines = new JsonArray();
        var refund = 0m;
        var fee = 0m;
        foreach (var item in chosen)
        {
            var quantity = (int)item["quantity"]! - (int)item["returned_quantity"]!;
            var cents = Math.Round(item["unit_price"]!.GetValue<decimal>() * 100) * quantity;
            var lineFee = reason == "no_longer_needed" && Say.Text(item, "category") == "device"
                ? Math.Round(cents * RestockingFeePercent / 100m, MidpointRounding.AwayFromZero)
                : 0m;
            refund += (cents - lineFee) / 100m;
            fee += lineFee / 100m;
            lines.Add(new JsonObject { ["sku"] = Say.Text(item, "sku"), ["quantity"] = quantity, ["opened"] = (bool)item["single_use"]! && opened });
        }

        var feeText = fee > 0
            ? $" Because it's returned as no longer needed, a {RestockingFeePercent}% restocking fee of {Say.Money(fee)} applies."
            : string.Empty;
        var described = Say.List([.. chosen.Select(i => Quantity(i) + Say.Text(i, "name"))]);
        var request = AgentStep.Act("request_return", new JsonObject { ["order_id"] = orderId, ["items"] = lines, ["reason"] = reason });
        return c.ConfirmThen(
            $"To confirm: I'll set up a return of {described} from order {orderId}.{feeText} You'll get a refund of {Say.Money(refund)} to your {Say.Text(order, "payment_method")}.",
            request,
            error => $"I'm sorry, I couldn't set up the return: {error}");
    }

    private static List<JsonNode> Choose(PlannerContext c, List<JsonNode> items)
    {
        if (items.Count == 1 || c.Facts.Mentions("everything", "all of it", "the whole order", "all of them"))
        {
            return items;
        }

        return [.. ItemMatcher.Best([.. items.Select(i => Say.Text(i, "name"))], c.Facts.Texts).Select(i => items[i])];
    }

    private static bool Opened(string answer) =>
        !new[] { "no", "not", "never", "unopened", "sealed", "haven't", "hasn't" }.Any(w => IntentClassifier.HasWord(answer, w))
        && new[] { "yes", "opened", "used", "tried" }.Any(w => IntentClassifier.HasWord(answer, w));

    private static string Quantity(JsonNode item)
    {
        var left = (int)item["quantity"]! - (int)item["returned_quantity"]!;
        return left > 1 ? left.ToString(CultureInfo.InvariantCulture) + " x " : string.Empty;
    }
}
