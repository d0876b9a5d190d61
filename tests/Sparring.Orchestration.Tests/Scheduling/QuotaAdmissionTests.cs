using Sparring.Abstractions.Metering;
using Sparring.Orchestration.Scheduling;

namespace Sparring.Orchestration.Tests.Scheduling;

public sealed class QuotaAdmissionTests
{
    [Fact]
    public void An_unlimited_allowance_is_never_short_and_admits_every_episode()
    {
        Assert.False(QuotaAdmission.IsShort(EpisodeAllowance.Unlimited, 1_000, 100));
        Assert.Equal(100, QuotaAdmission.Admitted(EpisodeAllowance.Unlimited, 100));
    }

    [Theory]
    [InlineData(0, 50, false)]
    [InlineData(30, 20, false)]
    [InlineData(30, 21, true)]
    [InlineData(50, 1, true)]
    public void Episodes_in_flight_count_as_used(int inFlight, int needed, bool isShort) =>
        Assert.Equal(isShort, QuotaAdmission.IsShort(new EpisodeAllowance(100, 50), inFlight, needed));

    [Theory]
    [InlineData(100L, 50L, 100, 50)]
    [InlineData(100L, 50L, 20, 20)]
    [InlineData(100L, 100L, 20, 0)]
    [InlineData(100L, 130L, 20, 0)]
    public void The_allowance_admits_what_is_left_of_it_at_most_the_batch(long limit, long used, int needed, int admitted) =>
        Assert.Equal(admitted, QuotaAdmission.Admitted(new EpisodeAllowance(limit, used), needed));
}
