using System.Text;
using Sparring.Abstractions.Storage;
using Sparring.Storage;

namespace Sparring.ReportPages.Tests;

/// <summary>The loader finds what a run, a training run or a nightly run's page shows, and names a file it cannot read.</summary>
public sealed class RunReportPageLoaderTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("sparring-reports-").FullName;
    private readonly FolderTrajectoryStore _store;

    public RunReportPageLoaderTests() => _store = new FolderTrajectoryStore(_folder);

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task A_run_shows_its_report_and_its_episodes()
    {
        var run = await StoreRunAsync("r1", 3);

        var content = await new RunReportPageLoader(_store).LoadAsync(run, CancellationToken.None);

        Assert.Equal("r1", content.Title);
        Assert.Equal(3, content.Report!.Episodes);
        Assert.Equal(["order.0", "order.1", "order.2"], content.Episodes.Select(e => e.Id));
        Assert.Null(content.Train);
    }

    [Fact]
    public async Task A_training_run_shows_its_curves_and_the_final_evaluation_episodes()
    {
        await StoreRunAsync("t1-sft-eval", 1);
        await StoreRunAsync("t1-ppo-eval", 2);
        var train = new RunKey("local", "t1");
        await WriteAsync(train, RunFiles.TrainReport, """{"trainId":"t1","sftEvaluation":{"runId":"t1-sft-eval"},"ppoEvaluation":{"runId":"t1-ppo-eval"},"iterations":[{"iteration":1,"kl":0.1,"entropy":3}]}""");

        var content = await new RunReportPageLoader(_store).LoadAsync(train, CancellationToken.None);

        Assert.Equal("t1", content.Title);
        Assert.Equal("t1-ppo-eval", content.EpisodesRunId);
        Assert.Equal(2, content.Episodes.Count);
        Assert.Equal("t1-ppo-eval", content.Report!.RunId);
        Assert.Equal(0.1, content.Train!.Value.GetProperty("iterations")[0].GetProperty("kl").GetDouble());
    }

    [Fact]
    public async Task A_nightly_run_shows_its_decision_its_fidelity_and_the_data_run_episodes()
    {
        await StoreRunAsync("n1-data", 2);
        var nightly = new RunKey("local", "n1");
        await WriteAsync(nightly, RunFiles.NightlyReport, """{"nightlyId":"n1","outcome":"kept","summary":"kept","dataRunId":"n1-data","gate":{"promote":false}}""");
        await WriteAsync(nightly, RunFiles.Fidelity, """{"user":"grounded","overall":0.8,"features":[]}""");

        var content = await new RunReportPageLoader(_store).LoadAsync(nightly, CancellationToken.None);

        Assert.Equal("n1-data", content.EpisodesRunId);
        Assert.Equal(2, content.Episodes.Count);
        Assert.Equal(0.8, content.Fidelity!.Value.GetProperty("overall").GetDouble());
        Assert.False(content.Nightly!.Value.GetProperty("gate").GetProperty("promote").GetBoolean());
    }

    [Fact]
    public async Task A_report_that_is_not_json_is_named_with_its_path()
    {
        var train = new RunKey("local", "t1");
        await WriteAsync(train, RunFiles.TrainReport, "{not json");

        var error = await Assert.ThrowsAsync<InvalidDataException>(() => new RunReportPageLoader(_store).LoadAsync(train, CancellationToken.None));

        Assert.StartsWith("local/runs/t1/train-report.json: not valid JSON", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_linked_run_id_that_is_not_a_string_is_named_with_its_json_path()
    {
        var train = new RunKey("local", "t1");
        await WriteAsync(train, RunFiles.TrainReport, """{"ppoEvaluation":{"runId":7}}""");

        var error = await Assert.ThrowsAsync<InvalidDataException>(() => new RunReportPageLoader(_store).LoadAsync(train, CancellationToken.None));

        Assert.Equal("local/runs/t1/train-report.json: $.ppoEvaluation.runId is not a run id string", error.Message);
    }

    [Fact]
    public async Task A_run_without_any_report_says_so()
    {
        var error = await Assert.ThrowsAsync<InvalidDataException>(() => new RunReportPageLoader(_store).LoadAsync(new RunKey("local", "nothing"), CancellationToken.None));

        Assert.Contains("local/runs/nothing/ has no report.json, train-report.json or nightly-report.json", error.Message, StringComparison.Ordinal);
    }

    private async Task<RunKey> StoreRunAsync(string runId, int episodes)
    {
        var run = new RunKey("local", runId);
        for (var i = 0; i < episodes; i++)
        {
            await _store.WriteAsync(run, Episodes.Trajectory(runId, $"order.{i}"), CancellationToken.None);
        }

        await _store.WriteReportAsync(run, Episodes.Report(runId, episodes), CancellationToken.None);
        return run;
    }

    private async Task WriteAsync(RunKey run, string name, string json)
    {
        using var content = new MemoryStream(Encoding.UTF8.GetBytes(json));
        await _store.WriteFileAsync(run, name, content, CancellationToken.None);
    }
}
