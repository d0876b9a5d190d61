namespace Sparring.Samples.MedicalSupply.Agent;

/// <summary>The mistakes the imperfect agent makes, at most one kind per episode.</summary>
internal enum AgentMistake
{
    /// <summary>Plays it straight.</summary>
    None,

    /// <summary>Makes a change without asking the caller to confirm it.</summary>
    ForgetsConfirmation,

    /// <summary>Passes a wrong argument to the first change it makes (another reason, slot or house number).</summary>
    WrongArgument,

    /// <summary>Hands a call it could resolve to a human.</summary>
    NeedlessTransfer,

    /// <summary>Troubleshoots instead of telling the caller to call 911.</summary>
    MissesEmergency,

    /// <summary>Promises a call back instead of transferring a call only a human may handle.</summary>
    MissesTransfer,
}
