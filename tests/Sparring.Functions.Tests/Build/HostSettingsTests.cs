using System.Text.Json;
using System.Text.RegularExpressions;
using Sparring.Functions.Http;
using Sparring.Storage;

namespace Sparring.Functions.Tests.Build;

/// <summary>host.json and local.settings.sample.json agree with each other and with what the code reads.</summary>
public partial class HostSettingsTests
{
    private static JsonElement Read(string file)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(Path.Combine(RepositoryPaths.Root, file)));
        return document.RootElement.Clone();
    }

    private static JsonElement Host => Read("host.json");

    private static IReadOnlyDictionary<string, JsonElement> SampleSettings =>
        Read("local.settings.sample.json").GetProperty("Values").EnumerateObject().ToDictionary(p => p.Name, p => p.Value, StringComparer.Ordinal);

    [Fact]
    public void Host_json_is_version_2_with_durable_settings_for_many_waiting_episodes()
    {
        Assert.Equal("2.0", Host.GetProperty("version").GetString());
        var durable = Host.GetProperty("extensions").GetProperty("durableTask");
        Assert.InRange(durable.GetProperty("maxConcurrentActivityFunctions").GetInt32(), 16, 1000);
        Assert.InRange(durable.GetProperty("maxConcurrentOrchestratorFunctions").GetInt32(), 1, 1000);
        Assert.True(durable.GetProperty("extendedSessionsEnabled").GetBoolean());
        Assert.True(durable.GetProperty("extendedSessionIdleTimeoutInSeconds").GetInt32() > 0);
    }

    [Fact]
    public void The_task_hub_name_comes_from_an_app_setting_the_sample_defines_validly()
    {
        var hub = Host.GetProperty("extensions").GetProperty("durableTask").GetProperty("hubName").GetString()!;
        var setting = Assert.Single(SettingReference().Matches(hub)).Groups[1].Value;

        Assert.True(SampleSettings.TryGetValue(setting, out var value), $"local.settings.sample.json has no {setting}.");
        // Azure Storage task hubs: 3-45 letters and digits, starting with a letter.
        Assert.Matches("^[A-Za-z][A-Za-z0-9]{2,44}$", value.GetString());
    }

    [Fact]
    public void The_route_prefix_is_the_one_the_links_use()
    {
        Assert.Equal(RunLinks.RoutePrefix, Host.GetProperty("extensions").GetProperty("http").GetProperty("routePrefix").GetString());
    }

    [Fact]
    public void The_sample_settings_are_all_strings_and_name_the_worker_runtime_and_storage()
    {
        Assert.All(SampleSettings.Values, v => Assert.Equal(JsonValueKind.String, v.ValueKind));
        Assert.Equal("dotnet-isolated", SampleSettings["FUNCTIONS_WORKER_RUNTIME"].GetString());
        Assert.Contains("AzureWebJobsStorage", SampleSettings.Keys);
    }

    [Fact]
    public void The_sample_lists_every_storage_option()
    {
        var keys = typeof(StorageOptions).GetProperties().Where(p => p.CanWrite).Select(p => $"Sparring__Storage__{p.Name}");

        Assert.All(keys, key => Assert.Contains(key, SampleSettings.Keys));
    }

    [GeneratedRegex("^%([A-Za-z0-9_]+)%$")]
    private static partial Regex SettingReference();
}
