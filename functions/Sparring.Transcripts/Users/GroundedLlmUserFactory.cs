using System.Text;
using Sparring.Abstractions.Trajectories;
using Sparring.Engine.Chat;
using Sparring.Engine.Environments;
using Sparring.Engine.Users;

namespace Sparring.Transcripts.Users;

/// <summary>
/// LLM users grounded on real transcripts: the user name "grounded:llm:&lt;deployment&gt;". Each persona's
/// instructions gain a few real customer turns of the nearest conversations (similar reason, same mood preferred)
/// as style examples; the LLM user of <paramref name="inner"/> plays it.
/// </summary>
/// <param name="inner">The LLM users (llm:&lt;deployment&gt;).</param>
/// <param name="corpus">The real conversations.</param>
/// <param name="examples">How many real customer turns each persona gets.</param>
public sealed class GroundedLlmUserFactory(IMockUserFactory inner, GroundingCorpus corpus, int examples = GroundedLlmUserFactory.DefaultExamples) : IMockUserFactory
{
    /// <summary>Real customer turns per persona by default.</summary>
    public const int DefaultExamples = 4;

    /// <inheritdoc />
    public ModelIdentity Identity { get; } = new("grounded-llm", inner.Identity.Name);

    /// <inheritdoc />
    public ModelPricing Pricing => inner.Pricing;

    /// <summary>The persona with style examples appended to its instructions.</summary>
    public PersonaSpec Ground(PersonaSpec persona)
    {
        ArgumentNullException.ThrowIfNull(persona);
        var turns = corpus.Nearest(persona, GroundedScriptedUserFactory.DefaultNeighbours)
            .SelectMany(c => new[] { c.Opening }.Concat(c.Restatements).Concat(c.Answers.Select(a => a.Template.Replace("{value}", "…", StringComparison.Ordinal))).Concat(c.Closing is null ? [] : [c.Closing]))
            .Distinct(StringComparer.Ordinal)
            .Take(examples)
            .ToList();
        if (turns.Count == 0)
        {
            return persona;
        }

        var text = new StringBuilder(persona.TaskInstructions ?? string.Empty);
        if (text.Length > 0)
        {
            text.AppendLine();
        }

        text.AppendLine("Talk the way these real customers with a similar request talked (their style and length, not their facts):");
        foreach (var turn in turns)
        {
            text.AppendLine($"- \"{turn}\"");
        }

        return persona with { TaskInstructions = text.ToString().TrimEnd() };
    }

    /// <inheritdoc />
    public IMockUser Create(ScenarioSpec scenario, long seed)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        return inner.Create(scenario with { Persona = Ground(scenario.Persona) }, seed);
    }
}
