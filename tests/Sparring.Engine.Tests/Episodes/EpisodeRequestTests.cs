using Sparring.Engine.Episodes;

namespace Sparring.Engine.Tests.Episodes;

public sealed class EpisodeRequestTests
{
    [Fact]
    public void An_episode_id_is_the_scenario_and_repetition_whatever_the_run_or_seed()
    {
        Assert.Equal("refund-late-order.3", EpisodeRequest.IdOf("refund-late-order", 3));
        Assert.Equal(EpisodeRequest.IdOf("refund-late-order", 3), new EpisodeRequest("r1", "refund-late-order", 3, Seed: 1).EpisodeId);
        Assert.Equal(new EpisodeRequest("r1", "s", 0, Seed: 1).EpisodeId, new EpisodeRequest("r2", "s", 0, Seed: 2).EpisodeId);
    }
}
