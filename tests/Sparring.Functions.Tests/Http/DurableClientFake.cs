using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Converters;
using Moq;
using Sparring.Functions.DependencyInjection;
using Sparring.Orchestration.Contracts;
using Sparring.Orchestration.Orchestrators;

namespace Sparring.Functions.Tests.Http;

/// <summary>A Moq <see cref="DurableTaskClient"/> that knows some orchestrations and records what is scheduled and terminated.</summary>
internal sealed class DurableClientFake
{
    public static readonly DataConverter Converter = new JsonDataConverter(FunctionAppJson.Options);

    public static readonly DateTimeOffset Created = new(2026, 3, 1, 8, 0, 0, TimeSpan.Zero);

    private readonly Dictionary<string, OrchestrationMetadata> _instances = new(StringComparer.Ordinal);

    public DurableClientFake()
    {
        Mock.Setup(c => c.GetInstanceAsync(It.IsAny<string>(), It.IsAny<bool>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync((string id, bool _, CancellationToken _) => _instances.GetValueOrDefault(id));
        Mock.Setup(c => c.ScheduleNewOrchestrationInstanceAsync(It.IsAny<TaskName>(), It.IsAny<object?>(), It.IsAny<StartOrchestrationOptions?>(), It.IsAny<CancellationToken>()))
            .Callback((TaskName name, object? input, StartOrchestrationOptions? options, CancellationToken _) => Scheduled.Add((name, input, options)))
            .ReturnsAsync((TaskName _, object? _, StartOrchestrationOptions? options, CancellationToken _) => options?.InstanceId ?? "generated");
        Mock.Setup(c => c.GetAllInstancesAsync(It.IsAny<OrchestrationQuery?>()))
            .Returns((OrchestrationQuery? query) => Pageable.Create((string? _, CancellationToken _) => Task.FromResult(new Page<OrchestrationMetadata>(
                [.. _instances.Values.Where(i => query?.Statuses is not { } statuses || statuses.Contains(i.RuntimeStatus))], null))));
        Mock.Setup(c => c.TerminateInstanceAsync(It.IsAny<string>(), It.IsAny<TerminateInstanceOptions?>(), It.IsAny<CancellationToken>()))
            .Callback((string id, TerminateInstanceOptions? options, CancellationToken _) => Terminated.Add((id, options)))
            .Returns(Task.CompletedTask);
    }

    public Mock<DurableTaskClient> Mock { get; } = new("test");

    public DurableTaskClient Client => Mock.Object;

    public List<(TaskName Name, object? Input, StartOrchestrationOptions? Options)> Scheduled { get; } = [];

    public List<(string Id, TerminateInstanceOptions? Options)> Terminated { get; } = [];

    public static EvaluationRunRequest Request(string runId, string tenant = "contoso") => new()
    {
        RunId = runId,
        Tenant = tenant,
        Environment = new(Name: "medical-supply-support", Version: "1"),
        Models = new ModelSelection("reference"),
        EpisodesPerScenario = 2,
    };

    /// <summary>Adds a run as GetInstanceAsync returns it with inputs and outputs.</summary>
    public OrchestrationMetadata AddRun(
        string runId,
        OrchestrationRuntimeStatus status,
        RunProgressStatus? progress = null,
        object? output = null,
        TaskFailureDetails? failure = null,
        string name = nameof(EvaluationRunOrchestrator),
        string tenant = "contoso")
    {
        var run = new OrchestrationMetadata(name, runId)
        {
            RuntimeStatus = status,
            CreatedAt = Created,
            LastUpdatedAt = Created.AddMinutes(5),
            SerializedInput = Converter.Serialize(Request(runId, tenant)),
            SerializedCustomStatus = progress is null ? null : Converter.Serialize(progress),
            SerializedOutput = output is null ? null : Converter.Serialize(output),
            FailureDetails = failure,
            DataConverter = Converter,
        };
        _instances[runId] = run;
        return run;
    }
}
