namespace Sparring.Engine.Environments;

/// <summary>Scenario tags that the engine itself gives a meaning to.</summary>
public static class ScenarioTags
{
    /// <summary>
    /// A scenario derived from a real transcript: its gold actions cannot be known (the transcript's systems are not
    /// the environment's state), so the state-match grader counts it as not applicable when it has none.
    /// </summary>
    public const string Transcript = "transcript";
}
