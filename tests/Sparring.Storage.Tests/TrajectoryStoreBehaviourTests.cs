using Sparring.Abstractions.Storage;

namespace Sparring.Storage.Tests;

/// <summary>What every <see cref="ITrajectoryStore"/> does, run against each implementation.</summary>
public abstract class TrajectoryStoreBehaviourTests
{
    protected abstract ITrajectoryStore Store { get; }

    protected RunKey Run { get; } = Samples.NewRun();

    [Fact]
    public async Task A_written_trajectory_reads_back_the_same()
    {
        var trajectory = Samples.Trajectory(Run, "refund.0");

        await Store.WriteAsync(Run, trajectory, CancellationToken.None);

        Assert.Equal(Samples.Json(trajectory), Samples.Json(await Store.ReadAsync(Run, "refund.0", CancellationToken.None)));
    }

    [Fact]
    public async Task Writing_an_episode_again_replaces_it()
    {
        await Store.WriteAsync(Run, Samples.Trajectory(Run, "refund.0", "first try"), CancellationToken.None);
        var retried = Samples.Trajectory(Run, "refund.0", "second try");

        await Store.WriteAsync(Run, retried, CancellationToken.None);

        var all = await Store.ReadAllAsync(Run, CancellationToken.None).ToListAsync();
        Assert.Equal(Samples.Json(retried), Samples.Json(Assert.Single(all)));
    }

    [Fact]
    public async Task Exists_says_whether_the_episode_is_stored()
    {
        Assert.False(await Store.ExistsAsync(Run, "refund.0", CancellationToken.None));

        await Store.WriteAsync(Run, Samples.Trajectory(Run, "refund.0"), CancellationToken.None);

        Assert.True(await Store.ExistsAsync(Run, "refund.0", CancellationToken.None));
        Assert.False(await Store.ExistsAsync(Run, "refund.1", CancellationToken.None));
    }

    [Fact]
    public async Task What_was_never_written_reads_as_null_or_empty()
    {
        Assert.Null(await Store.ReadAsync(Run, "refund.0", CancellationToken.None));
        Assert.Null(await Store.ReadReportAsync(Run, CancellationToken.None));
        Assert.Null(await Store.OpenFileAsync(Run, "dataset.jsonl", CancellationToken.None));
        Assert.Empty(await Store.ReadAllAsync(Run, CancellationToken.None).ToListAsync());
    }

    [Fact]
    public async Task ReadAll_returns_every_episode_once_in_episode_id_order()
    {
        // "sc001.0" is a prefix of "sc001.0-b.0": as names, "sc001.0-b.0.json" sorts first, as ids it sorts second.
        var ids = Enumerable.Range(0, 150).SelectMany(i => new[] { $"sc{i:D3}.0", $"sc{i:D3}.0-b.0" }).ToList();
        var shuffled = ids.OrderBy(id => id.GetHashCode(StringComparison.Ordinal)).ToList();
        await Parallel.ForEachAsync(shuffled, new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (id, ct) =>
            await Store.WriteAsync(Run, Samples.Trajectory(Run, id), ct));
        var otherRun = Samples.NewRun();
        await Store.WriteAsync(otherRun, Samples.Trajectory(otherRun, "other-run.0"), CancellationToken.None);

        var read = await Store.ReadAllAsync(Run, CancellationToken.None).ToListAsync();

        Assert.Equal(ids.Order(StringComparer.Ordinal), read.Select(t => t.EpisodeId));
    }

    [Fact]
    public async Task A_consumer_may_stop_reading_early()
    {
        foreach (var i in Enumerable.Range(0, 20))
        {
            await Store.WriteAsync(Run, Samples.Trajectory(Run, $"refund.{i:D2}"), CancellationToken.None);
        }

        var firstThree = await Store.ReadAllAsync(Run, CancellationToken.None).Take(3).ToListAsync();

        Assert.Equal(["refund.00", "refund.01", "refund.02"], firstThree.Select(t => t.EpisodeId));
    }

    [Fact]
    public async Task The_report_is_written_and_replaced()
    {
        await Store.WriteReportAsync(Run, Samples.Report(Run, 0.5), CancellationToken.None);
        var second = Samples.Report(Run, 0.9);

        await Store.WriteReportAsync(Run, second, CancellationToken.None);

        Assert.Equal(Samples.Json(second), Samples.Json(await Store.ReadReportAsync(Run, CancellationToken.None)));
    }

    [Fact]
    public async Task Two_report_writers_at_once_leave_one_of_their_reports_whole()
    {
        for (var round = 0; round < 5; round++)
        {
            // Many episodes make a report large enough that a torn write would show.
            var mine = Samples.Report(Run, 0.25, episodes: 1000 + round);
            var theirs = Samples.Report(Run, 0.75, episodes: 2000 + round);

            await Task.WhenAll(
                Task.Run(() => Store.WriteReportAsync(Run, mine, CancellationToken.None)),
                Task.Run(() => Store.WriteReportAsync(Run, theirs, CancellationToken.None)));

            var final = Samples.Json(await Store.ReadReportAsync(Run, CancellationToken.None));
            Assert.Contains(final, new[] { Samples.Json(mine), Samples.Json(theirs) });
        }
    }

    [Fact]
    public async Task A_file_is_written_whole_from_a_forward_only_stream()
    {
        var content = Samples.Bytes(3 * 1024 * 1024 + 17, seed: 1);

        await Store.WriteFileAsync(Run, "dataset.jsonl", new ForwardOnlyStream(content), CancellationToken.None);

        Assert.Equal(content, await ReadFileAsync("dataset.jsonl"));
    }

    [Fact]
    public async Task A_file_whose_source_fails_leaves_the_earlier_version()
    {
        var first = Samples.Bytes(100_000, seed: 2);
        await Store.WriteFileAsync(Run, "dataset.jsonl", new MemoryStream(first), CancellationToken.None);

        await Assert.ThrowsAnyAsync<Exception>(() =>
            Store.WriteFileAsync(Run, "dataset.jsonl", new FailingStream(Samples.Bytes(500_000, seed: 3), failAfter: 250_000), CancellationToken.None));

        Assert.Equal(first, await ReadFileAsync("dataset.jsonl"));
    }

    [Fact]
    public async Task A_file_whose_source_fails_is_not_created()
    {
        await Assert.ThrowsAnyAsync<Exception>(() =>
            Store.WriteFileAsync(Run, "manifest.json", new FailingStream(Samples.Bytes(10_000, seed: 4), failAfter: 5_000), CancellationToken.None));

        Assert.Null(await Store.OpenFileAsync(Run, "manifest.json", CancellationToken.None));
    }

    [Theory]
    [InlineData("a/b")]
    [InlineData("..")]
    [InlineData("a..b")]
    [InlineData(".hidden")]
    [InlineData("")]
    [InlineData("a\\b")]
    [InlineData("a b")]
    [InlineData("line\n")]
    public async Task Bad_episode_ids_are_refused(string episodeId)
    {
        var ex = await Assert.ThrowsAsync<ArgumentException>(() => Store.WriteAsync(Run, Samples.Trajectory(Run, episodeId), CancellationToken.None));
        Assert.Contains("Episode id", ex.Message, StringComparison.Ordinal);
        await Assert.ThrowsAsync<ArgumentException>(() => Store.ReadAsync(Run, episodeId, CancellationToken.None));
        await Assert.ThrowsAsync<ArgumentException>(() => Store.ExistsAsync(Run, episodeId, CancellationToken.None));
    }

    [Theory]
    [InlineData("Acme", "run-1")]
    [InlineData("ac/me", "run-1")]
    [InlineData("-acme", "run-1")]
    [InlineData("acme", "runs/1")]
    [InlineData("acme", "..")]
    [InlineData("acme", "run..1")]
    public async Task Bad_tenants_and_run_ids_are_refused(string tenant, string runId)
    {
        var run = new RunKey(tenant, runId);

        var ex = await Assert.ThrowsAsync<ArgumentException>(() => Store.WriteAsync(run, Samples.Trajectory(run, "refund.0"), CancellationToken.None));

        Assert.Contains(tenant == "acme" ? "Run id" : "Tenant", ex.Message, StringComparison.Ordinal);
        await Assert.ThrowsAsync<ArgumentException>(() => Store.WriteReportAsync(run, Samples.Report(run, 1), CancellationToken.None));
    }

    [Theory]
    [InlineData("../report.json")]
    [InlineData("sub/file.txt")]
    [InlineData("report.json")]
    [InlineData("episodes")]
    public async Task Bad_file_names_are_refused(string name)
    {
        await Assert.ThrowsAsync<ArgumentException>(() => Store.WriteFileAsync(Run, name, new MemoryStream([1]), CancellationToken.None));
        await Assert.ThrowsAsync<ArgumentException>(() => Store.OpenFileAsync(Run, name, CancellationToken.None));
    }

    protected async Task<byte[]> ReadFileAsync(string name)
    {
        await using var stream = await Store.OpenFileAsync(Run, name, CancellationToken.None);
        Assert.NotNull(stream);
        using var copy = new MemoryStream();
        await stream.CopyToAsync(copy);
        return copy.ToArray();
    }
}
