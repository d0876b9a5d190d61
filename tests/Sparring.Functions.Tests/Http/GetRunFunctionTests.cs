using System.Text.Json;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Moq;
using Sparring.Functions.Tests.Access;
using Sparring.Orchestration.Contracts;
using Sparring.Orchestration.Orchestrators;

namespace Sparring.Functions.Tests.Http;

public class GetRunFunctionTests
{
    private readonly TenantApp _app = new();

    private DurableClientFake _durable => _app.Durable;

    private async Task<WrittenResponse> GetAsync(string id)
    {
        var request = _app.Request("GET", $"/api/runs/{id}");
        return await HttpTestContext.ExecuteAsync(await _app.GetRun().GetRunAsync(request, _durable.Client, id, CancellationToken.None), request);
    }

    [Fact]
    public async Task An_unknown_run_is_a_404_problem()
    {
        var response = await GetAsync("nope");

        Assert.Equal(404, response.StatusCode);
        Assert.StartsWith("application/problem+json", response.ContentType, StringComparison.Ordinal);
        Assert.Contains("'nope'", response.Body.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_batch_sub_orchestration_is_not_a_run_and_is_not_even_looked_up()
    {
        var response = await GetAsync("r1:batch:0");

        Assert.Equal(404, response.StatusCode);
        _durable.Mock.Verify(c => c.GetInstanceAsync(It.IsAny<string>(), It.IsAny<bool>(), It.IsAny<CancellationToken>()), Times.Never);
    }

    [Fact]
    public async Task Another_orchestration_with_a_run_like_id_is_a_404()
    {
        _durable.AddRun("r1", OrchestrationRuntimeStatus.Running, name: nameof(EpisodeBatchOrchestrator));

        Assert.Equal(404, (await GetAsync("r1")).StatusCode);
    }

    [Fact]
    public async Task A_running_run_shows_its_status_times_and_progress()
    {
        _durable.AddRun("r1", OrchestrationRuntimeStatus.Running, new RunProgressStatus("running", 120, 3, 480, 0.8125));

        var response = await GetAsync("r1");

        Assert.Equal(200, response.StatusCode);
        var body = response.Body;
        Assert.Equal("r1", body.GetProperty("runId").GetString());
        Assert.Equal("contoso", body.GetProperty("tenant").GetString());
        Assert.Equal("running", body.GetProperty("status").GetString());
        Assert.Equal("Running", body.GetProperty("runtimeStatus").GetString());
        Assert.Equal(DurableClientFake.Created, body.GetProperty("createdAt").GetDateTimeOffset());
        Assert.Equal(DurableClientFake.Created.AddMinutes(5), body.GetProperty("lastUpdatedAt").GetDateTimeOffset());
        var progress = body.GetProperty("progress");
        Assert.Equal("running", progress.GetProperty("phase").GetString());
        Assert.Equal(120, progress.GetProperty("done").GetInt32());
        Assert.Equal(3, progress.GetProperty("failed").GetInt32());
        Assert.Equal(480, progress.GetProperty("total").GetInt32());
        Assert.Equal(0.8125, progress.GetProperty("meanReward").GetDouble());
        Assert.Equal(JsonValueKind.Null, body.GetProperty("result").ValueKind);
        Assert.Equal(JsonValueKind.Null, body.GetProperty("error").ValueKind);
        Assert.Equal($"https://{HttpTestContext.Host}/api/runs/r1/report", body.GetProperty("links").GetProperty("report").GetString());
    }

    [Fact]
    public async Task A_pending_run_has_no_progress_yet()
    {
        _durable.AddRun("r1", OrchestrationRuntimeStatus.Pending);

        var body = (await GetAsync("r1")).Body;

        Assert.Equal("pending", body.GetProperty("status").GetString());
        Assert.Equal(JsonValueKind.Null, body.GetProperty("progress").ValueKind);
    }

    [Fact]
    public async Task A_completed_run_carries_its_result()
    {
        var result = new EvaluationRunResult(
            "r1", 96, 1, 0.75, new Dictionary<string, double> { ["1"] = 0.75, ["2"] = 0.6 }, 0.9,
            new DatasetManifest("dataset.jsonl", 40, 70, 38, 1.0, null), ["report.json", "trajectories-000.jsonl", "dataset.jsonl", "dataset.manifest.json"]);
        _durable.AddRun("r1", OrchestrationRuntimeStatus.Completed, new RunProgressStatus("completed", 96, 1, 96, 0.75), result);

        var body = (await GetAsync("r1")).Body;

        Assert.Equal("completed", body.GetProperty("status").GetString());
        var written = body.GetProperty("result");
        Assert.Equal(96, written.GetProperty("episodes").GetInt32());
        Assert.Equal(0.75, written.GetProperty("meanReward").GetDouble());
        Assert.Equal(0.6, written.GetProperty("passHatK").GetProperty("2").GetDouble());
        Assert.Equal(40, written.GetProperty("dataset").GetProperty("examples").GetInt32());
        Assert.Equal(4, written.GetProperty("files").GetArrayLength());
    }

    [Fact]
    public async Task A_failed_run_says_why()
    {
        _durable.AddRun("r1", OrchestrationRuntimeStatus.Failed, failure: new TaskFailureDetails("System.ArgumentException", "Environment 'env' has no scenario 'x'.", null, null, null));

        var body = (await GetAsync("r1")).Body;

        Assert.Equal("failed", body.GetProperty("status").GetString());
        Assert.Equal("Environment 'env' has no scenario 'x'.", body.GetProperty("error").GetString());
    }

    [Fact]
    public async Task A_terminated_run_is_cancelled_with_its_reason()
    {
        _durable.AddRun("r1", OrchestrationRuntimeStatus.Terminated, output: "Cancelled through the runs API.");

        var body = (await GetAsync("r1")).Body;

        Assert.Equal("cancelled", body.GetProperty("status").GetString());
        Assert.Equal("Terminated", body.GetProperty("runtimeStatus").GetString());
        Assert.Equal("Cancelled through the runs API.", body.GetProperty("error").GetString());
    }
}
