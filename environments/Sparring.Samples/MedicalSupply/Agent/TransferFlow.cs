using System.Text.Json.Nodes;

namespace Sparring.Samples.MedicalSupply.Agent;

/// <summary>Requests only a person may handle: say why and to whom, then transfer.</summary>
internal static class TransferFlow
{
    /// <summary>The transfer a caller's intent calls for.</summary>
    public static AgentStep Next(PlannerContext c) => c.Intent switch
    {
        SupportIntent.InsuranceAppeal => Handoff(c, "insurance_appeal",
            "I'm sorry your claim was denied. Appeals are handled by our insurance and appeals specialists, who can file it with your insurer."),
        SupportIntent.LegalComplaint => Handoff(c, "legal_complaint",
            "I'm sorry about what happened, and I understand you're upset. A complaint like this is handled by our customer relations team."),
        SupportIntent.PrescriptionChange => Handoff(c, "prescription_change",
            "Only a clinician can change a prescription or flow rate, so I can't change it here, but our clinical services team can work with your doctor."),
        SupportIntent.AccountHolderDeceased => Handoff(c, "account_holder_deceased",
            "I'm very sorry for your loss. Our customer relations team will close the account and arrange for the equipment to be picked up."),
        _ => Handoff(c, "customer_request", "Of course."),
    };

    /// <summary>Identifies the caller if possible, tells them where they are going, then transfers.</summary>
    public static AgentStep Handoff(PlannerContext c, string reason, string why)
    {
        // Try to identify the caller so the specialist has the account, but never hold a transfer hostage to it.
        var triedEverything = c.Conversation.AgentSaid(Say.AskNameAndBirth);
        if (c.CustomerId is null && c.Identify() is { } identify && (identify.IsCall || !triedEverything))
        {
            return identify;
        }

        var team = reason switch
        {
            "insurance_appeal" or "insured_return" => "insurance and appeals",
            "legal_complaint" or "account_holder_deceased" => "customer relations",
            "prescription_change" => "clinical services",
            _ => "customer care",
        };
        var text = $"{why} I'm transferring you to our {team} team now; please stay on the line.";
        if (!c.Conversation.AgentSaid(text))
        {
            return AgentStep.Tell(text);
        }

        var arguments = new JsonObject
        {
            ["reason"] = reason,
            ["summary"] = $"{reason.Replace('_', ' ')}. The caller said: \"{Shorten(c.Conversation.FirstUserText)}\"",
        };
        if (c.CustomerId is { } customerId)
        {
            arguments["customer_id"] = customerId;
        }

        return AgentStep.Transfer(arguments);
    }

    private static string Shorten(string text) => text.Length <= 300 ? text : text[..297] + "...";
}
