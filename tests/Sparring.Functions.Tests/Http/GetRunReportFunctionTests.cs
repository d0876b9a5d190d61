using System.Text.Json;
using Microsoft.DurableTask.Client;
using Moq;
using Sparring.Abstractions.Json;
using Sparring.Abstractions.Reports;
using Sparring.Abstractions.Storage;
using Sparring.Abstractions.Trajectories;
using Sparring.Engine.Reports;
using Sparring.Functions.Tests.Access;

namespace Sparring.Functions.Tests.Http;

public class GetRunReportFunctionTests
{
    private static readonly RunReport Report = RunReportBuilder.Build(
        new RunReportBuilder.RunIdentity("r1", new EnvironmentIdentity("medical-supply-support", "1", "sha256:abc"), new ModelIdentity("reference", "v1"), new ModelIdentity("scripted", "v1"), null),
        [EpisodeSummary.Failed("s1.0", "s1", "policy unavailable"), EpisodeSummary.Failed("s2.0", "s2", "policy unavailable")]);

    private readonly TenantApp _app = new();

    private DurableClientFake _durable => _app.Durable;

    private Mock<ITrajectoryStore> _store => _app.Store;

    private async Task<WrittenResponse> GetAsync(string id)
    {
        var request = _app.Request("GET", $"/api/runs/{id}/report");
        var result = await _app.GetReport().GetRunReportAsync(request, _durable.Client, id, CancellationToken.None);
        return await HttpTestContext.ExecuteAsync(result, request);
    }

    [Fact]
    public async Task A_completed_run_returns_its_stored_report_as_report_json_has_it()
    {
        _durable.AddRun("r1", OrchestrationRuntimeStatus.Completed);
        _store.Setup(s => s.ReadReportAsync(new RunKey("contoso", "r1"), It.IsAny<CancellationToken>())).ReturnsAsync(Report);

        var response = await GetAsync("r1");

        Assert.Equal(200, response.StatusCode);
        Assert.StartsWith("application/json", response.ContentType, StringComparison.Ordinal);
        Assert.Equal(JsonSerializer.Serialize(Report, SparringJsonContext.Indented.RunReport), response.Text);
        Assert.Equal("r1", response.Body.GetProperty("runId").GetString());
    }

    [Fact]
    public async Task An_unknown_run_is_a_404()
    {
        Assert.Equal(404, (await GetAsync("nope")).StatusCode);
    }

    [Fact]
    public async Task A_completed_run_without_a_stored_report_is_a_404()
    {
        _durable.AddRun("r1", OrchestrationRuntimeStatus.Completed);

        Assert.Equal(404, (await GetAsync("r1")).StatusCode);
    }

    [Theory]
    [InlineData(OrchestrationRuntimeStatus.Running, "running")]
    [InlineData(OrchestrationRuntimeStatus.Pending, "pending")]
    [InlineData(OrchestrationRuntimeStatus.Failed, "failed")]
    [InlineData(OrchestrationRuntimeStatus.Terminated, "cancelled")]
    public async Task A_run_that_has_not_completed_is_a_409_with_its_status_and_links(OrchestrationRuntimeStatus status, string expected)
    {
        _durable.AddRun("r1", status);

        var response = await GetAsync("r1");

        Assert.Equal(409, response.StatusCode);
        Assert.Equal(expected, response.Body.GetProperty("runStatus").GetString());
        Assert.Equal($"https://{HttpTestContext.Host}/api/runs/r1", response.Body.GetProperty("links").GetProperty("self").GetString());
        _store.Verify(s => s.ReadReportAsync(It.IsAny<RunKey>(), It.IsAny<CancellationToken>()), Times.Never);
    }
}
