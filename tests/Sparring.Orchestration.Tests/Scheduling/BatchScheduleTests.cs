using Sparring.Orchestration.Scheduling;

namespace Sparring.Orchestration.Tests.Scheduling;

public sealed class BatchScheduleTests
{
    public static TheoryData<int, int> Runs => new()
    {
        { 1, 1 },
        { 1, 16 },
        { 99, 16 },
        { 100, 16 },
        { 101, 16 },
        { 250, 1 },
        { 250, 10_000 },
        { 500, 64 },
        { 1_234, 7 },
        { 5_000, 64 },
        { 5_000, 100 },
        { 12_345, 256 },
        { 100_000, 1_000 },
    };

    private static List<IReadOnlyList<int>> BatchesOf(BatchSchedule schedule) =>
        [.. Enumerable.Range(0, schedule.Batches).Select(schedule.EpisodesOf)];

    [Theory]
    [MemberData(nameof(Runs))]
    public void Every_episode_is_scheduled_exactly_once_in_batches_of_at_most_100_in_plan_order(int episodes, int concurrency)
    {
        var schedule = BatchSchedule.Plan(episodes, concurrency);
        var batches = BatchesOf(schedule);

        Assert.Equal((episodes + BatchSchedule.BatchSize - 1) / BatchSchedule.BatchSize, schedule.Batches);
        Assert.Equal(Enumerable.Range(0, episodes), batches.SelectMany(b => b).Order());
        Assert.All(batches, b => Assert.InRange(b.Count, 1, BatchSchedule.BatchSize));
        Assert.All(batches, b => Assert.Equal(b.Order(), b));
    }

    [Theory]
    [MemberData(nameof(Runs))]
    public void A_batch_takes_every_nth_episode_so_batches_differ_in_size_by_one_at_most(int episodes, int concurrency)
    {
        var schedule = BatchSchedule.Plan(episodes, concurrency);
        var batches = BatchesOf(schedule);

        for (var b = 0; b < batches.Count; b++)
        {
            Assert.All(batches[b], episode => Assert.Equal(b, episode % schedule.Batches));
        }

        Assert.InRange(batches.Max(b => b.Count) - batches.Min(b => b.Count), 0, 1);
    }

    [Theory]
    [MemberData(nameof(Runs))]
    public void Any_wave_of_consecutive_batches_shares_exactly_the_concurrency(int episodes, int concurrency)
    {
        var schedule = BatchSchedule.Plan(episodes, concurrency);

        Assert.InRange(schedule.BatchesInFlight, 1, schedule.Concurrency);
        for (var first = 0; first < schedule.Batches; first++)
        {
            Assert.InRange(schedule.Slots(first), 1, schedule.Concurrency);
            Assert.Equal(schedule.Concurrency, Enumerable.Range(first, schedule.BatchesInFlight).Sum(schedule.Slots));
        }
    }

    [Theory]
    [MemberData(nameof(Runs))]
    public void Batches_started_in_order_and_finishing_in_order_never_hold_more_than_the_concurrency(int episodes, int concurrency)
    {
        var schedule = BatchSchedule.Plan(episodes, concurrency);
        var running = new Queue<(int Batch, int Slots)>();

        // As the orchestrator does: wait for a batch to finish while BatchesInFlight are running, then start the next.
        for (var batch = 0; batch < schedule.Batches; batch++)
        {
            while (running.Count >= schedule.BatchesInFlight)
            {
                running.Dequeue();
            }

            running.Enqueue((batch, schedule.MaxInFlight(batch, schedule.EpisodesOf(batch).Count)));
            Assert.InRange(running.Sum(r => r.Slots), 1, schedule.Concurrency);
        }
    }

    [Theory]
    [MemberData(nameof(Runs))]
    public void Batches_run_in_the_fewest_waves_of_the_fewest_batches_the_pace_allows(int episodes, int concurrency)
    {
        var schedule = BatchSchedule.Plan(episodes, concurrency);

        Assert.InRange(schedule.Batches, ((schedule.Waves - 1) * schedule.BatchesInFlight) + 1, schedule.Waves * schedule.BatchesInFlight);
        Assert.InRange(schedule.Batches, ((schedule.BatchesInFlight - 1) * schedule.Waves) + 1, schedule.BatchesInFlight * schedule.Waves);
    }

    [Fact]
    public void A_run_of_500_at_64_runs_its_5_batches_at_once_sharing_the_64_slots()
    {
        var schedule = BatchSchedule.Plan(500, 64);

        Assert.Equal((5, 1, 5), (schedule.Batches, schedule.Waves, schedule.BatchesInFlight));
        Assert.Equal([13, 13, 13, 13, 12], Enumerable.Range(0, 5).Select(schedule.Slots));
    }

    [Fact]
    public void A_run_of_5000_at_64_runs_7_batches_at_a_time_each_holding_about_a_tenth_of_a_batch()
    {
        var schedule = BatchSchedule.Plan(5_000, 64);

        Assert.Equal((50, 8, 7), (schedule.Batches, schedule.Waves, schedule.BatchesInFlight));
        Assert.Equal([10, 9, 9, 9, 9, 9, 9, 10], Enumerable.Range(0, 8).Select(schedule.Slots));
    }

    [Fact]
    public void Batch_instance_ids_are_the_run_id_and_the_batch_number()
    {
        Assert.Equal("run-500:batch:0", BatchSchedule.InstanceId("run-500", 0));
        Assert.Equal("nightly:batch:49", BatchSchedule.InstanceId("nightly", 49));
    }

    [Fact]
    public void A_resumed_run_plans_the_same_batches_even_at_another_concurrency()
    {
        var first = BatchSchedule.Plan(1_234, 16);
        var again = BatchSchedule.Plan(1_234, 16);
        var wider = BatchSchedule.Plan(1_234, 500);

        Assert.Equal(first, again);
        Assert.Equal(first.Batches, wider.Batches);
        Assert.Equal(BatchesOf(first), BatchesOf(wider));
    }

    [Fact]
    public void No_episodes_make_no_batches()
    {
        var schedule = BatchSchedule.Plan(0, 16);

        Assert.Equal((0, 0, 1), (schedule.Batches, schedule.Waves, schedule.BatchesInFlight));
        Assert.Throws<ArgumentOutOfRangeException>(() => schedule.EpisodesOf(0));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(0)]
    [InlineData(-5)]
    public void A_concurrency_of_1_or_less_runs_one_batch_and_one_episode_at_a_time(int concurrency)
    {
        var schedule = BatchSchedule.Plan(350, concurrency);

        Assert.Equal((1, 1, 4), (schedule.Concurrency, schedule.BatchesInFlight, schedule.Waves));
        Assert.All(Enumerable.Range(0, schedule.Batches), b => Assert.Equal(1, schedule.MaxInFlight(b, schedule.EpisodesOf(b).Count)));
    }

    [Fact]
    public void A_concurrency_larger_than_the_run_runs_every_batch_at_once_and_all_its_episodes()
    {
        var schedule = BatchSchedule.Plan(250, 10_000);

        Assert.Equal((3, 1, 3), (schedule.Batches, schedule.Waves, schedule.BatchesInFlight));
        Assert.Equal([84, 83, 83], Enumerable.Range(0, 3).Select(b => schedule.MaxInFlight(b, schedule.EpisodesOf(b).Count)));
    }

    [Fact]
    public void A_batch_cut_short_by_the_quota_holds_no_more_slots_than_episodes()
    {
        var schedule = BatchSchedule.Plan(5_000, 64);

        Assert.Equal(3, schedule.MaxInFlight(0, 3));
        Assert.Equal(10, schedule.MaxInFlight(0, 100));
    }

    [Fact]
    public void A_negative_episode_count_or_batch_number_is_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => BatchSchedule.Plan(-1, 16));
        var schedule = BatchSchedule.Plan(500, 16);
        Assert.Throws<ArgumentOutOfRangeException>(() => schedule.EpisodesOf(-1));
        Assert.Throws<ArgumentOutOfRangeException>(() => schedule.EpisodesOf(schedule.Batches));
        Assert.Throws<ArgumentOutOfRangeException>(() => schedule.Slots(-1));
    }
}
