using System.Reflection;
using System.Text.Json;
using Microsoft.Azure.Functions.Worker;
using Sparring.Functions.Http;
using Sparring.Orchestration;
using Sparring.Orchestration.Services;

namespace Sparring.Functions.Tests.Build;

/// <summary>
/// Reads functions.metadata, which the Functions SDK writes into the app's output folder at build time and the
/// Functions host indexes: every function must be there with the trigger the host needs to route work to it.
/// </summary>
public class FunctionMetadataTests
{
    private static readonly string Output = typeof(FunctionMetadataTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
        .Single(a => a.Key == "FunctionAppOutput").Value!;

    private static readonly Lazy<IReadOnlyDictionary<string, JsonElement>> Functions = new(() =>
    {
        var path = Path.Combine(Output, "functions.metadata");
        Assert.True(File.Exists(path), $"{path} is missing: build functions/Sparring.Functions first.");
        using var document = JsonDocument.Parse(File.ReadAllText(path));
        return document.RootElement.EnumerateArray().ToDictionary(f => f.GetProperty("name").GetString()!, f => f.Clone(), StringComparer.Ordinal);
    });

    private static IReadOnlyList<string> Orchestrators { get; } = [.. OrchestrationTasks.Orchestrators.Keys];

    private static readonly ActivityServices NoServices = new(null!, null!, null!, null!, Moq.Mock.Of<IRunCompletionNotifier>());

    private static IReadOnlyList<string> Activities { get; } =
    [
        .. OrchestrationTasks.Activities(NoServices).Keys,
        .. OrchestrationTasks.NightlyActivities(NoServices, new NightlyServices(null!, null!, null!, null!, null!), Microsoft.Extensions.Logging.Abstractions.NullLoggerFactory.Instance).Keys,
    ];

    private static IReadOnlyList<(string Name, string Method, string Route)> Http { get; } =
    [
        ("StartRun", "post", "runs"),
        ("GetRun", "get", "runs/{id}"),
        ("CancelRun", "post", "runs/{id}/cancel"),
        ("GetRunReport", "get", "runs/{id}/report"),
        ("StartRunByHook", "post", "hooks/runs"),
    ];

    /// <summary>HTTP functions that read storage only, without a Durable client.</summary>
    private static IReadOnlyList<(string Name, string Method, string Route)> StorageHttp { get; } =
    [
        ("GetUsage", "get", "usage"),
        ("GetUsageCsv", "get", "usage.csv"),
    ];

    public static TheoryData<string> OrchestratorNames => [.. Orchestrators];

    public static TheoryData<string, string, string> StorageHttpFunctions
    {
        get
        {
            var data = new TheoryData<string, string, string>();
            foreach (var (name, method, route) in StorageHttp)
            {
                data.Add(name, method, route);
            }

            return data;
        }
    }

    public static TheoryData<string> ActivityNames => [.. Activities];

    public static TheoryData<string, string, string> HttpFunctions
    {
        get
        {
            var data = new TheoryData<string, string, string>();
            foreach (var (name, method, route) in Http)
            {
                data.Add(name, method, route);
            }

            return data;
        }
    }

    [Fact]
    public void The_app_has_exactly_the_orchestrators_activities_and_HTTP_functions()
    {
        var expected = Orchestrators.Concat(Activities).Concat(Http.Select(h => h.Name)).Concat(StorageHttp.Select(h => h.Name)).Append("NightlySchedule");

        Assert.Equal(expected.Order(StringComparer.Ordinal), Functions.Value.Keys.Order(StringComparer.Ordinal));
    }

    [Theory]
    [MemberData(nameof(OrchestratorNames))]
    public void Each_library_orchestrator_is_an_orchestration_trigger_of_its_name(string name)
    {
        var trigger = Assert.Single(Bindings(name));
        Assert.Equal("orchestrationTrigger", trigger.GetProperty("type").GetString());
        Assert.Equal("In", trigger.GetProperty("direction").GetString());
    }

    [Theory]
    [MemberData(nameof(ActivityNames))]
    public void Each_library_activity_is_an_activity_trigger_of_its_name(string name)
    {
        var trigger = Assert.Single(Bindings(name));
        Assert.Equal("activityTrigger", trigger.GetProperty("type").GetString());
        Assert.Equal("In", trigger.GetProperty("direction").GetString());
    }

    [Theory]
    [MemberData(nameof(HttpFunctions))]
    public void Each_HTTP_function_has_its_route_and_method_a_durable_client_and_an_HTTP_response(string name, string method, string route)
    {
        var bindings = Bindings(name);
        var trigger = Assert.Single(bindings, b => b.GetProperty("type").GetString() == "httpTrigger");
        Assert.Equal(route, trigger.GetProperty("route").GetString());
        Assert.Equal([method], trigger.GetProperty("methods").EnumerateArray().Select(m => m.GetString()));
        // Tenants authenticate with their API key or webhook signature, not a Functions host key.
        Assert.Equal("Anonymous", trigger.GetProperty("authLevel").GetString());
        Assert.Single(bindings, b => b.GetProperty("type").GetString() == "durableClient");
        var response = Assert.Single(bindings, b => b.GetProperty("direction").GetString() == "Out");
        Assert.Equal("http", response.GetProperty("type").GetString());
    }

    [Theory]
    [MemberData(nameof(StorageHttpFunctions))]
    public void Each_storage_HTTP_function_has_its_route_and_method_and_an_HTTP_response(string name, string method, string route)
    {
        var bindings = Bindings(name);
        var trigger = Assert.Single(bindings, b => b.GetProperty("type").GetString() == "httpTrigger");
        Assert.Equal(route, trigger.GetProperty("route").GetString());
        Assert.Equal([method], trigger.GetProperty("methods").EnumerateArray().Select(m => m.GetString()));
        Assert.Equal("Anonymous", trigger.GetProperty("authLevel").GetString());
        Assert.DoesNotContain(bindings, b => b.GetProperty("type").GetString() == "durableClient");
        Assert.Equal("http", Assert.Single(bindings, b => b.GetProperty("direction").GetString() == "Out").GetProperty("type").GetString());
    }

    [Fact]
    public void The_nightly_schedule_is_a_timer_every_fifteen_minutes_with_a_durable_client()
    {
        var bindings = Bindings("NightlySchedule");
        var timer = Assert.Single(bindings, b => b.GetProperty("type").GetString() == "timerTrigger");
        Assert.Equal("0 */15 * * * *", timer.GetProperty("schedule").GetString());
        Assert.Single(bindings, b => b.GetProperty("type").GetString() == "durableClient");
    }

    [Fact]
    public void Each_entry_point_is_a_method_carrying_the_function_attribute_of_that_name()
    {
        var assembly = typeof(RunLinks).Assembly;
        foreach (var (name, function) in Functions.Value)
        {
            Assert.Equal(assembly.GetName().Name + ".dll", function.GetProperty("scriptFile").GetString());
            var entryPoint = function.GetProperty("entryPoint").GetString()!;
            var type = assembly.GetType(entryPoint[..entryPoint.LastIndexOf('.')], throwOnError: true)!;
            var method = Assert.Single(type.GetMethods(), m => m.Name == entryPoint[(entryPoint.LastIndexOf('.') + 1)..]);
            Assert.Equal(name, method.GetCustomAttribute<FunctionAttribute>()?.Name);
        }
    }

    [Fact]
    public void The_output_has_the_repository_host_json_and_the_durable_extension()
    {
        Assert.Equal(File.ReadAllText(Path.Combine(RepositoryPaths.Root, "host.json")), File.ReadAllText(Path.Combine(Output, "host.json")));
        using var extensions = JsonDocument.Parse(File.ReadAllText(Path.Combine(Output, "extensions.json")));
        Assert.Contains(extensions.RootElement.GetProperty("extensions").EnumerateArray(), e => e.GetProperty("name").GetString() == "DurableTask");
    }

    private static List<JsonElement> Bindings(string name)
    {
        Assert.True(Functions.Value.TryGetValue(name, out var function), $"functions.metadata has no function '{name}'.");
        return [.. function.GetProperty("bindings").EnumerateArray()];
    }
}
