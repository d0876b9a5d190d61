using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;
using Spectre.Console.Testing;
using Sparring.Models;
using Sparring.Training.Chat;
using Sparring.Samples.MedicalSupply;

namespace Sparring.Cli.Tests;

/// <summary>sparring run --out azurite writes usage rows, and sparring usage reads them back as a table or CSV.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class UsageCommandTests(AzuriteFixture azurite)
{
    private static string MiniShop => Path.Combine(RepositoryPaths.Root, "tests", "Sparring.Engine.Tests", "Fixtures", "mini-shop");

    private readonly Dictionary<string, string?> _settings = new()
    {
        ["Sparring:Storage:ConnectionString"] = azurite.ConnectionString,
        ["Sparring:Storage:Container"] = $"cli-{Guid.NewGuid():N}",
        ["Sparring:Metering:Table"] = $"usage{Guid.NewGuid():N}",
        ["Sparring:Metering:PlatformFeePerEpisode"] = "0.25",
    };

    private async Task<(int Code, string Output)> RunAsync(params string[] args)
    {
        var console = new TestConsole().Width(250);
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(_settings).Build();
        var policies = new CheckpointPolicies(NullLoggerFactory.Instance);
        var app = new CliApp(console, configuration, NullLoggerFactory.Instance, new ModelCatalog(configuration, SampleAgents.References, policies), policies);
        var code = await app.RunAsync(args, CancellationToken.None);
        return (code, console.Output);
    }

    [Fact]
    public async Task A_run_into_azurite_is_metered_once_per_episode_even_when_run_again()
    {
        Assert.Equal(0, (await RunAsync("run", MiniShop, "--policy", "random", "--out", "azurite", "--tenant", "shop", "--run-id", "r1", "-k", "2")).Code);
        Assert.Equal(0, (await RunAsync("run", MiniShop, "--policy", "random", "--out", "azurite", "--tenant", "shop", "--run-id", "r1", "-k", "2")).Code);

        var (code, csv) = await RunAsync("usage", "--tenant", "shop", "--csv");

        Assert.Equal(0, code);
        var lines = csv.Split(["\r\n", "\n"], StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("tenant,run_id,episode_id,", lines[0], StringComparison.Ordinal);
        var episodes = lines[1..].Select(l => l.Split(',')[2]).ToList();
        Assert.Equal(6, episodes.Count);
        Assert.Equal(episodes.Count, episodes.Distinct().Count());
        Assert.All(lines[1..], l => Assert.StartsWith("shop,r1,", l, StringComparison.Ordinal));

        var (_, byRun) = await RunAsync("usage", "--tenant", "shop", "--group-by", "run");
        Assert.Contains($"Total: {episodes.Count} episodes", byRun, StringComparison.Ordinal);
        Assert.Contains((episodes.Count * 0.25m).ToString("0.000000", System.Globalization.CultureInfo.InvariantCulture), byRun, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_run_into_a_folder_is_not_metered()
    {
        var folder = Directory.CreateTempSubdirectory("sparring-usage-").FullName;
        try
        {
            Assert.Equal(0, (await RunAsync("run", MiniShop, "--policy", "random", "--out", folder, "--tenant", "folder", "--run-id", "r1")).Code);

            var (_, table) = await RunAsync("usage", "--tenant", "folder");

            Assert.Contains("Total: 0 episodes", table, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task A_bad_period_is_refused_naming_the_option()
    {
        var (code, output) = await RunAsync("usage", "--tenant", "shop", "--from", "last week");

        Assert.NotEqual(0, code);
        Assert.Contains("--from 'last week' is not a date", output, StringComparison.Ordinal);
    }
}
