namespace Sparring.Samples.MedicalSupply.Agent;

/// <summary>What a caller wants, as the reference agent reads it from their first message.</summary>
internal enum SupportIntent
{
    /// <summary>Nothing recognisable.</summary>
    Unknown,

    /// <summary>Where is my order.</summary>
    Track,

    /// <summary>Cancel an order.</summary>
    Cancel,

    /// <summary>Change where an order is delivered.</summary>
    ChangeAddress,

    /// <summary>Return delivered items.</summary>
    Return,

    /// <summary>Explain an invoice or balance.</summary>
    Invoice,

    /// <summary>Dispute a charge.</summary>
    Dispute,

    /// <summary>A device is not working.</summary>
    Troubleshoot,

    /// <summary>An insurance denial or appeal: a human's job.</summary>
    InsuranceAppeal,

    /// <summary>A legal complaint or threat: a human's job.</summary>
    LegalComplaint,

    /// <summary>A prescription or flow-rate change: a clinician's job.</summary>
    PrescriptionChange,

    /// <summary>The account holder died: a human's job.</summary>
    AccountHolderDeceased,

    /// <summary>The caller asks for a person.</summary>
    HumanRequested,
}
