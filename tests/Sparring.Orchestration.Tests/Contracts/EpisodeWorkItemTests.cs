using Sparring.Engine.Episodes;
using Sparring.Orchestration.Contracts;

namespace Sparring.Orchestration.Tests.Contracts;

/// <summary>The RunEpisode activity's "already stored?" check looks up the work item's id, under which the engine stores the episode.</summary>
public sealed class EpisodeWorkItemTests
{
    [Theory]
    [InlineData("refund-late-order", 0)]
    [InlineData("s.1", 12)]
    public void A_work_item_has_the_id_the_engine_stores_its_episode_under(string scenarioId, int repetition)
    {
        var item = new EpisodeWorkItem(scenarioId, repetition, Seed: 7);

        Assert.Equal(new EpisodeRequest("r1", scenarioId, repetition, Seed: 7).EpisodeId, item.EpisodeId);
    }
}
