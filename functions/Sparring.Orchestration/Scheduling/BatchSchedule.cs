namespace Sparring.Orchestration.Scheduling;

/// <summary>
/// How a run's planned episodes are cut into batches of at most <see cref="BatchSize"/>, how many batches run at once,
/// and how the run's concurrency is shared between them. Pure arithmetic over the episode count and the concurrency,
/// so an orchestrator replays it the same and a resumed run finds its batches where they were.
/// </summary>
public sealed record BatchSchedule
{
    /// <summary>Most episodes in one batch sub-orchestration, which keeps every history to a few hundred events.</summary>
    public const int BatchSize = 100;

    private readonly int _slots;
    private readonly int _extraSlots;

    private BatchSchedule(int episodes, int concurrency)
    {
        Episodes = episodes;
        Concurrency = concurrency;
        Batches = (int)Math.Ceiling(episodes / (double)BatchSize);

        // Every batch holds a share of the run's slots and winds down before it completes; a batch waiting to start
        // cannot take over the slots of one winding down. So batches run in equal waves (no half-empty last wave),
        // each holding about a tenth of a batch in flight: the strided batches are alike and finish together, and
        // each one's tail idles few slots.
        var target = Math.Clamp((int)Math.Ceiling(concurrency * 10.0 / BatchSize), 1, concurrency);
        Waves = (int)Math.Ceiling(Batches / (double)target);
        BatchesInFlight = Math.Max(1, (int)Math.Ceiling(Batches / (double)Math.Max(1, Waves)));
        _slots = Math.Max(1, concurrency / BatchesInFlight);
        _extraSlots = Math.Max(0, concurrency - (_slots * BatchesInFlight));
    }

    /// <summary>The episodes of the run's plan.</summary>
    public int Episodes { get; }

    /// <summary>Most episodes of the run in flight at once (at least 1).</summary>
    public int Concurrency { get; }

    /// <summary>How many batches the plan is cut into: ⌈episodes / <see cref="BatchSize"/>⌉.</summary>
    public int Batches { get; }

    /// <summary>How many waves of <see cref="BatchesInFlight"/> batches run one after the other.</summary>
    public int Waves { get; }

    /// <summary>Most batches running at once.</summary>
    public int BatchesInFlight { get; }

    /// <summary>The schedule of a plan of <paramref name="episodes"/> episodes run at most <paramref name="concurrency"/> at a time.</summary>
    /// <param name="episodes">The episodes of the plan.</param>
    /// <param name="concurrency">The run's concurrency; below 1 counts as 1.</param>
    public static BatchSchedule Plan(int episodes, int concurrency)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(episodes);
        return new BatchSchedule(episodes, Math.Max(1, concurrency));
    }

    /// <summary>The instance id of a run's batch sub-orchestration, which names it across replays and resumes.</summary>
    /// <param name="runInstanceId">The run orchestration's instance id (the run id).</param>
    /// <param name="batch">The batch number.</param>
    public static string InstanceId(string runInstanceId, int batch) => $"{runInstanceId}:batch:{batch}";

    /// <summary>The plan positions of a batch's episodes, in plan order.</summary>
    /// <remarks>
    /// A batch takes every n-th episode rather than a run of the plan: the plan lists a scenario's repetitions
    /// together, and a batch of only long scenarios would hold its slots long after the others are done.
    /// </remarks>
    /// <param name="batch">The batch number, from 0 to <see cref="Batches"/> − 1.</param>
    public IReadOnlyList<int> EpisodesOf(int batch)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(batch);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(batch, Batches);
        return [.. Enumerable.Range(0, ((Episodes - batch - 1) / Batches) + 1).Select(i => batch + (i * Batches))];
    }

    /// <summary>
    /// A batch's share of the concurrency: the concurrency split evenly over <see cref="BatchesInFlight"/>, the
    /// remainder one slot each to the first batches of a wave, so a wave of consecutive batches holds it all.
    /// </summary>
    /// <param name="batch">The batch number.</param>
    public int Slots(int batch)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(batch);
        return _slots + (batch % BatchesInFlight < _extraSlots ? 1 : 0);
    }

    /// <summary>Most episodes of a batch in flight at once: its share, and no more than the episodes it runs.</summary>
    /// <param name="batch">The batch number.</param>
    /// <param name="episodes">The episodes the batch runs (fewer than planned when the quota cut it short).</param>
    public int MaxInFlight(int batch, int episodes) => Math.Min(Slots(batch), episodes);
}
