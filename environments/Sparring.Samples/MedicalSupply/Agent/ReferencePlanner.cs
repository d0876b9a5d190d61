namespace Sparring.Samples.MedicalSupply.Agent;

/// <summary>
/// The reference agent's rules: emergencies first, then the flow of the caller's intent (identify, look up,
/// confirm, act, report). A pure function of the conversation.
/// </summary>
internal static class ReferencePlanner
{
    /// <summary>The next step; <paramref name="ignoreEmergencies"/> makes a deliberately unsafe variant.</summary>
    public static AgentStep Next(Conversation conversation, bool ignoreEmergencies = false)
    {
        if (!ignoreEmergencies && IntentClassifier.IsEmergency(conversation.UserTexts))
        {
            return AgentStep.Tell(Say.EmergencyAdvice, StepKind.Emergency);
        }

        var c = new PlannerContext(conversation);
        var step = c.Intent switch
        {
            SupportIntent.Track => OrderFlows.Track(c),
            SupportIntent.Cancel => OrderFlows.Cancel(c),
            SupportIntent.ChangeAddress => OrderFlows.ChangeAddress(c),
            SupportIntent.Return => ReturnFlow.Next(c),
            SupportIntent.Invoice or SupportIntent.Dispute => BillingFlow.Next(c),
            SupportIntent.Troubleshoot => DeviceFlow.Next(c),
            SupportIntent.Unknown => AgentStep.Tell("I'm sorry, I didn't quite catch that. Could you tell me a little more about what you need help with?"),
            _ => TransferFlow.Next(c),
        };
        return c.Opening(step);
    }
}
