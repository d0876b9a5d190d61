namespace Sparring.Engine.Grading;

/// <summary>The grader types a spec can declare.</summary>
public static class GraderTypes
{
    /// <summary>Final state hash equals the gold replay's.</summary>
    public const string StateMatch = "state_match";

    /// <summary>Required information was communicated.</summary>
    public const string Outputs = "outputs";

    /// <summary>Share of tool calls that match their schema.</summary>
    public const string ToolValidity = "tool_validity";

    /// <summary>No transfer, or a transfer where the scenario expects one.</summary>
    public const string Containment = "containment";

    /// <summary>The scenario's own safety checks.</summary>
    public const string Safety = "safety";

    /// <summary>Phrases that must or must not appear in the agent's messages.</summary>
    public const string Contains = "contains";

    /// <summary>A pattern that must or must not match the agent's messages.</summary>
    public const string Regex = "regex";

    /// <summary>An LLM judge checks the scenario's natural-language assertions.</summary>
    public const string NlAssertions = "nl_assertions";

    /// <summary>An LLM judge scores criteria from 1 to 5.</summary>
    public const string LlmRubric = "llm_rubric";
}
