using Microsoft.AspNetCore.Mvc;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Time.Testing;
using Sparring.Abstractions.Storage;
using Sparring.Functions.Http;
using Sparring.Functions.Tests.Access;
using Sparring.Orchestration.Contracts;
using Sparring.Orchestration.Orchestrators;

namespace Sparring.Functions.Tests.Http;

public class StartRunFunctionTests
{
    private const string FullBody = """
        {
          "tenant": "contoso",
          "runId": "nightly-2026-03-01",
          "environment": { "name": "medical-supply-support", "version": "3" },
          "policy": "openai:gpt-4o-mini",
          "user": "llm:gpt-4o",
          "judge": "gpt-4o",
          "split": "test",
          "scenarios": ["order-status-1", "refund-2"],
          "episodesPerScenario": 4,
          "seed": 42,
          "concurrency": 256,
          "sampling": { "minReward": 0.8, "topKPerScenario": 2 }
        }
        """;

    private readonly TenantApp _app = new();

    private DurableClientFake _durable => _app.Durable;

    private FakeTimeProvider _time => _app.Time;

    private async Task<(IActionResult Result, WrittenResponse Response)> PostAsync(string body)
    {
        var request = _app.Request("POST", "/api/runs", body);
        var result = await _app.StartRun().StartRunAsync(request, _durable.Client, CancellationToken.None);
        return (result, await HttpTestContext.ExecuteAsync(result, request));
    }

    [Fact]
    public async Task A_valid_request_schedules_the_evaluation_run_with_the_run_id_as_instance_id()
    {
        var (_, response) = await PostAsync(FullBody);

        Assert.Equal(202, response.StatusCode);
        var (name, input, options) = Assert.Single(_durable.Scheduled);
        Assert.Equal(nameof(EvaluationRunOrchestrator), name.Name);
        Assert.Equal("nightly-2026-03-01", options?.InstanceId);
        var run = Assert.IsType<EvaluationRunRequest>(input);
        Assert.Equal("nightly-2026-03-01", run.RunId);
        Assert.Equal("contoso", run.Tenant);
        Assert.Equal(new EnvironmentReference(Name: "medical-supply-support", Version: "3"), run.Environment);
        Assert.Equal(new ModelSelection("openai:gpt-4o-mini", "llm:gpt-4o", "gpt-4o"), run.Models);
        Assert.Equal("test", run.Split);
        Assert.Equal(["order-status-1", "refund-2"], run.Scenarios);
        Assert.Equal(4, run.EpisodesPerScenario);
        Assert.Equal(42, run.Seed);
        Assert.Equal(256, run.Concurrency);
        Assert.Equal(new RejectionSamplingOptions(0.8, 2), run.Sampling);
    }

    [Fact]
    public async Task The_202_points_at_the_run_with_a_Location_header_and_links()
    {
        var (result, response) = await PostAsync(FullBody);

        const string self = $"https://{HttpTestContext.Host}/api/runs/nightly-2026-03-01";
        Assert.IsType<AcceptedResult>(result);
        Assert.Equal(self, response.Headers.Location.ToString());
        Assert.StartsWith("application/json", response.ContentType, StringComparison.Ordinal);
        Assert.Equal("nightly-2026-03-01", response.Body.GetProperty("runId").GetString());
        Assert.Equal("contoso", response.Body.GetProperty("tenant").GetString());
        Assert.Equal("pending", response.Body.GetProperty("status").GetString());
        var links = response.Body.GetProperty("links");
        Assert.Equal(self, links.GetProperty("self").GetString());
        Assert.Equal(self + "/report", links.GetProperty("report").GetString());
        Assert.Equal(self + "/cancel", links.GetProperty("cancel").GetString());
    }

    [Fact]
    public async Task Without_a_run_id_one_is_generated_and_ordered_by_time()
    {
        const string body = """{ "tenant": "contoso", "environment": { "name": "env", "version": "1" }, "policy": "reference" }""";
        await PostAsync(body);
        _time.Advance(TimeSpan.FromSeconds(1));
        await PostAsync(body);

        var ids = _durable.Scheduled.Select(s => s.Options!.InstanceId!).ToList();
        Assert.All(ids, id => Assert.Matches("^run-[0-9a-f]{32}$", id));
        Assert.Equal(ids.Order(StringComparer.Ordinal), ids);
        Assert.Equal(ids, _durable.Scheduled.Select(s => ((EvaluationRunRequest)s.Input!).RunId));
    }

    [Fact]
    public async Task Fields_left_out_take_the_documented_defaults()
    {
        await PostAsync("""{ "tenant": "contoso", "runId": "r1", "environment": { "name": "env", "version": "1" }, "policy": "random" }""");

        var run = (EvaluationRunRequest)Assert.Single(_durable.Scheduled).Input!;
        Assert.Equal(new ModelSelection("random", "scripted", null), run.Models);
        Assert.Null(run.Split);
        Assert.Null(run.Scenarios);
        Assert.Equal(1, run.EpisodesPerScenario);
        Assert.Equal(0, run.Seed);
        Assert.Equal(16, run.Concurrency);
        Assert.Equal(new RejectionSamplingOptions(1.0, null), run.Sampling);
    }

    [Fact]
    public async Task Split_all_means_every_split()
    {
        await PostAsync("""{ "tenant": "contoso", "runId": "r1", "environment": { "name": "env", "version": "1" }, "policy": "random", "split": "all" }""");

        Assert.Null(((EvaluationRunRequest)Assert.Single(_durable.Scheduled).Input!).Split);
    }

    [Theory]
    [InlineData(OrchestrationRuntimeStatus.Running, "running")]
    [InlineData(OrchestrationRuntimeStatus.Pending, "pending")]
    [InlineData(OrchestrationRuntimeStatus.Suspended, "suspended")]
    public async Task A_run_id_whose_run_is_still_going_is_a_409_and_nothing_is_scheduled(OrchestrationRuntimeStatus status, string expected)
    {
        _durable.AddRun("nightly-2026-03-01", status);

        var (_, response) = await PostAsync(FullBody);

        Assert.Equal(409, response.StatusCode);
        Assert.StartsWith("application/problem+json", response.ContentType, StringComparison.Ordinal);
        Assert.Equal(expected, response.Body.GetProperty("runStatus").GetString());
        Assert.Contains("nightly-2026-03-01", response.Body.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Empty(_durable.Scheduled);
    }

    [Theory]
    [InlineData(OrchestrationRuntimeStatus.Completed)]
    [InlineData(OrchestrationRuntimeStatus.Failed)]
    [InlineData(OrchestrationRuntimeStatus.Terminated)]
    public async Task A_run_id_whose_run_ended_starts_it_again_to_resume_it(OrchestrationRuntimeStatus status)
    {
        _durable.AddRun("nightly-2026-03-01", status);

        var (_, response) = await PostAsync(FullBody);

        Assert.Equal(202, response.StatusCode);
        Assert.Equal("nightly-2026-03-01", Assert.Single(_durable.Scheduled).Options?.InstanceId);
    }

    [Fact]
    public async Task A_body_over_the_limit_is_a_413()
    {
        var request = _app.Request("POST", "/api/runs", FullBody);
        request.ContentLength = StartRunFunction.MaxBodyBytes + 1;

        var result = await _app.StartRun().StartRunAsync(request, _durable.Client, CancellationToken.None);

        Assert.Equal(413, (await HttpTestContext.ExecuteAsync(result, request)).StatusCode);
        Assert.Empty(_durable.Scheduled);
    }
}
