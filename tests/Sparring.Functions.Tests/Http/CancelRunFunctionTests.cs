using Microsoft.DurableTask.Client;
using Sparring.Functions.Tests.Access;

namespace Sparring.Functions.Tests.Http;

public class CancelRunFunctionTests
{
    private readonly TenantApp _app = new(now: new DateTimeOffset(2026, 3, 1, 9, 30, 0, TimeSpan.Zero));

    private DurableClientFake _durable => _app.Durable;

    private async Task<WrittenResponse> CancelAsync(string id)
    {
        var request = _app.Request("POST", $"/api/runs/{id}/cancel");
        var result = await _app.CancelRun().CancelRunAsync(request, _durable.Client, id, CancellationToken.None);
        return await HttpTestContext.ExecuteAsync(result, request);
    }

    [Fact]
    public async Task An_unknown_run_is_a_404()
    {
        Assert.Equal(404, (await CancelAsync("nope")).StatusCode);
        Assert.Empty(_durable.Terminated);
    }

    [Theory]
    [InlineData(OrchestrationRuntimeStatus.Running)]
    [InlineData(OrchestrationRuntimeStatus.Pending)]
    [InlineData(OrchestrationRuntimeStatus.Suspended)]
    public async Task A_run_that_is_going_is_terminated_with_its_batches(OrchestrationRuntimeStatus status)
    {
        _durable.AddRun("r1", status);

        var response = await CancelAsync("r1");

        Assert.Equal(202, response.StatusCode);
        Assert.Equal($"https://{HttpTestContext.Host}/api/runs/r1", response.Headers.Location.ToString());
        Assert.Equal("cancelling", response.Body.GetProperty("status").GetString());
        Assert.Equal("contoso", response.Body.GetProperty("tenant").GetString());
        var (id, options) = Assert.Single(_durable.Terminated);
        Assert.Equal("r1", id);
        Assert.True(options?.Recursive);
        Assert.Equal("Cancelled through the runs API at 2026-03-01T09:30:00.0000000+00:00.", options?.Output);
    }

    [Theory]
    [InlineData(OrchestrationRuntimeStatus.Completed, "completed")]
    [InlineData(OrchestrationRuntimeStatus.Failed, "failed")]
    [InlineData(OrchestrationRuntimeStatus.Terminated, "cancelled")]
    public async Task A_run_that_has_ended_is_a_409(OrchestrationRuntimeStatus status, string expected)
    {
        _durable.AddRun("r1", status);

        var response = await CancelAsync("r1");

        Assert.Equal(409, response.StatusCode);
        Assert.Equal(expected, response.Body.GetProperty("runStatus").GetString());
        Assert.Empty(_durable.Terminated);
    }
}
