using System.Globalization;
using System.Text.Json.Nodes;

namespace Sparring.Samples.MedicalSupply.Agent;

/// <summary>Invoices explained, duplicate charges refunded, other disputes opened for review.</summary>
internal static class BillingFlow
{
    private const int DisputeWindowDays = 120;

    /// <summary>Explains the invoice the caller asks about, or disputes it.</summary>
    public static AgentStep Next(PlannerContext c)
    {
        if (c.Identify() is { } identify)
        {
            return identify;
        }

        var lookup = c.Facts.InvoiceId is { } invoiceNumber ? PlannerContext.Args("invoice_id", invoiceNumber)
            : c.Facts.OrderId is { } orderNumber ? PlannerContext.Args("order_id", orderNumber)
            : null;
        if (lookup is null)
        {
            return AgentStep.Tell("Which invoice is it about? Please tell me the invoice number (it starts with INV-) or the order number.");
        }

        if (c.Need("get_invoice", lookup, out var invoice) is { } fetch)
        {
            return fetch;
        }

        var id = Say.Text(invoice, "invoice_id");
        if (Say.Text(invoice, "customer_id") != c.CustomerId)
        {
            return AgentStep.Tell($"I'm sorry, I can't find that invoice on your account. Could you check the number?");
        }

        return c.Intent == SupportIntent.Dispute ? Dispute(c, invoice, id) : c.Report($"{Explain(invoice, id)} {Say.AnythingElse}");
    }

    private static AgentStep Dispute(PlannerContext c, JsonNode invoice, string id)
    {
        if (c.Conversation.LastSuccess("dispute_invoice", x => x.Argument("invoice_id") == id) is { } done)
        {
            return c.Report(Say.Text(done.Result, "status") == "resolved"
                ? $"Done: the duplicate charge of {Say.Money(done.Result?["refund_amount"])} has been refunded to your {Say.Text(done.Result, "refund_to")}; " +
                  $"it reaches your card within 5 to 7 business days. Your dispute reference is {Say.Text(done.Result, "dispute_id")}. {Say.AnythingElse}"
                : $"Your dispute {Say.Text(done.Result, "dispute_id")} is open: a billing specialist will review invoice {id} within 5 business days, " +
                  $"and payment on it is on hold until then. {Say.AnythingElse}");
        }

        if (invoice["dispute"] is JsonObject open && Say.Text(open, "status") == "under_review")
        {
            return c.Report($"Invoice {id} is already under review: dispute {Say.Text(open, "dispute_id")} was opened on {Say.Date(Say.Text(open, "opened_at"))}, " +
                "and a billing specialist will contact you. Payment on it is on hold, so there's nothing more you need to do right now.");
        }

        if (Say.Text(invoice, "status") == "void")
        {
            return c.Report($"Invoice {id} is void because its order was cancelled and refunded, so there's nothing to dispute on it.");
        }

        if (c.Conversation.Today is { } today && Age(Say.Text(invoice, "issued_at"), today) > DisputeWindowDays)
        {
            return c.Report($"I'm sorry, invoice {id} was issued on {Say.Date(Say.Text(invoice, "issued_at"))}, more than {DisputeWindowDays} days ago, and charges " +
                $"can only be disputed within {DisputeWindowDays} days of the invoice date, so I can't open a dispute on it.");
        }

        var reason = IntentClassifier.DisputeReason(c.Facts.Texts);
        var dispute = AgentStep.Act("dispute_invoice", new JsonObject { ["invoice_id"] = id, ["reason"] = reason });
        if (reason != "duplicate_charge")
        {
            var about = reason switch
            {
                "insurance_not_applied" => "insurance not applied",
                "item_not_received" => "items not received",
                _ => "incorrect amount",
            };
            return c.ConfirmThen(
                $"I'll open a billing dispute on invoice {id} ({about}). A billing specialist will review it within 5 business days, and payment on it is on hold until then.",
                dispute,
                error => $"I'm sorry, I couldn't open the dispute: {error}");
        }

        var charges = invoice["charges"]!.AsArray().Select(x => x!).Where(x => Say.Text(x, "type") == "charge").ToList();
        var duplicate = charges.Where((x, i) => charges.Take(i).Any(p => Say.Text(p, "date") == Say.Text(x, "date") && p["amount"]!.GetValue<decimal>() == x["amount"]!.GetValue<decimal>())).FirstOrDefault();
        if (duplicate is null)
        {
            var seen = Say.List([.. charges.Select(x => $"{Say.Money(x["amount"])} on {Say.Date(Say.Text(x, "date"))} to your {Say.Text(x, "card")}")]);
            return c.Report($"I've checked invoice {id}, and I only see {(charges.Count == 1 ? "one charge" : "these charges")}: {seen}. I don't see a duplicate charge on it.");
        }

        var amount = Say.Money(duplicate["amount"]);
        var card = Say.Text(duplicate, "card");
        return c.ConfirmThen(
            $"I can see two charges of {amount} on {Say.Date(Say.Text(duplicate, "date"))} to your {card} on invoice {id}. I'll dispute the duplicate and refund {amount} to your {card}.",
            dispute,
            error => $"I'm sorry, I couldn't dispute it: {error}");
    }

    private static int Age(string issuedAt, string today) =>
        DateOnly.ParseExact(today, "yyyy-MM-dd", CultureInfo.InvariantCulture).DayNumber - DateOnly.ParseExact(issuedAt, "yyyy-MM-dd", CultureInfo.InvariantCulture).DayNumber;

    private static string Explain(JsonNode invoice, string id)
    {
        var covered = invoice["insurance_covered"]!.GetValue<decimal>();
        var share = Say.Money(invoice["patient_responsibility"]);
        var insurance = covered > 0
            ? $"{Say.Text(invoice, "insurance_provider")} covered {Say.Money(covered)}, so your share is {share}."
            : Say.Text(invoice, "insurance_provider").Length > 0
                ? $"Insurance didn't cover anything on it (supplies like these are self-pay), so your share is {share}."
                : $"There was no insurance on it, so your share is {share}.";
        var paid = invoice["amount_paid"]!.GetValue<decimal>();
        var payments = paid > 0 ? $"You've paid {Say.Money(paid)}." : "You haven't paid anything on it yet.";
        var due = invoice["balance_due"]!.GetValue<decimal>();
        var credit = invoice["credit"]!.GetValue<decimal>();
        var balance = due > 0 ? $"The balance of {Say.Money(due)} is due by {Say.Date(Say.Text(invoice, "due_date"))}."
            : credit > 0 ? $"You have a credit of {Say.Money(credit)} on it."
            : "Nothing more is due on it.";
        var review = invoice["dispute"] is JsonObject dispute && Say.Text(dispute, "status") == "under_review"
            ? $" It's under review by our billing team (dispute {Say.Text(dispute, "dispute_id")})."
            : string.Empty;
        return $"Here's invoice {id} for order {Say.Text(invoice, "order_id")}: the total is {Say.Money(invoice["total"])}. {insurance} {payments} {balance}{review}";
    }
}
