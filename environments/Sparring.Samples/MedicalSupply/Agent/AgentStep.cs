using System.Text.Json.Nodes;

namespace Sparring.Samples.MedicalSupply.Agent;

/// <summary>
/// What the agent does next: say something to the caller, or call one tool. A confirmation carries the change it asks
/// about, so that a variant of the agent can skip asking.
/// </summary>
internal sealed record AgentStep
{
    private AgentStep(StepKind kind, string? text, string? tool, JsonObject? arguments, AgentStep? pending)
    {
        Kind = kind;
        Text = text;
        Tool = tool;
        Arguments = arguments;
        Pending = pending;
    }

    /// <summary>What kind of step it is.</summary>
    public StepKind Kind { get; }

    /// <summary>What to say, for text steps.</summary>
    public string? Text { get; }

    /// <summary>The tool to call, for call steps.</summary>
    public string? Tool { get; }

    /// <summary>The call's arguments.</summary>
    public JsonObject? Arguments { get; }

    /// <summary>For a confirmation: the change it asks about.</summary>
    public AgentStep? Pending { get; }

    /// <summary>Whether the step calls a tool.</summary>
    public bool IsCall => Tool is not null;

    /// <summary>Says something.</summary>
    public static AgentStep Tell(string text, StepKind kind = StepKind.Say) => new(kind, text, null, null, null);

    /// <summary>Calls a tool that only reads.</summary>
    public static AgentStep Lookup(string tool, JsonObject arguments) => new(StepKind.Lookup, null, tool, arguments, null);

    /// <summary>Calls a tool that changes the state.</summary>
    public static AgentStep Act(string tool, JsonObject arguments) => new(StepKind.Act, null, tool, arguments, null);

    /// <summary>Hands the caller over to a human.</summary>
    public static AgentStep Transfer(JsonObject arguments) => new(StepKind.Transfer, null, "transfer_to_human", arguments, null);

    /// <summary>Asks the caller to confirm a change.</summary>
    public static AgentStep Confirm(string text, AgentStep change) => new(StepKind.Confirm, text, null, null, change);
}

/// <summary>The kinds of <see cref="AgentStep"/>.</summary>
internal enum StepKind
{
    /// <summary>Asks, explains or reports.</summary>
    Say,

    /// <summary>Asks the caller to confirm a change.</summary>
    Confirm,

    /// <summary>Tells the caller to call 911.</summary>
    Emergency,

    /// <summary>Calls a read-only tool.</summary>
    Lookup,

    /// <summary>Calls a tool that changes the state.</summary>
    Act,

    /// <summary>Transfers to a human.</summary>
    Transfer,
}
