using Sparring.Abstractions.Trajectories;
using Sparring.Engine.Chat;
using Sparring.Engine.Environments;
using Sparring.Engine.Users;

namespace Sparring.Transcripts.Users;

/// <summary>Makes <see cref="GroundedScriptedUser"/>s from a corpus: the user name "grounded".</summary>
/// <param name="corpus">The real conversations.</param>
/// <param name="neighbours">How many nearest conversations each user draws its phrasing from.</param>
public sealed class GroundedScriptedUserFactory(GroundingCorpus corpus, int neighbours = GroundedScriptedUserFactory.DefaultNeighbours) : IMockUserFactory
{
    /// <summary>Nearest conversations a user draws from by default.</summary>
    public const int DefaultNeighbours = 5;

    /// <inheritdoc />
    public ModelIdentity Identity { get; } = new("grounded", $"scripted-{corpus.Conversations.Count}-transcripts");

    /// <inheritdoc />
    public ModelPricing Pricing => ModelPricing.Free;

    /// <inheritdoc />
    public IMockUser Create(ScenarioSpec scenario, long seed)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        return new GroundedScriptedUser(scenario.Persona, corpus.Nearest(scenario.Persona, neighbours), seed);
    }
}
