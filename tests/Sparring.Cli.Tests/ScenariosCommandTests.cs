using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;
using Spectre.Console.Testing;
using Sparring.Models;
using Sparring.Samples.MedicalSupply;
using Sparring.Training.Chat;
using YamlDotNet.RepresentationModel;

namespace Sparring.Cli.Tests;

/// <summary>sparring scenarios, and what validate says of templates, on a small copy of the templated-shop fixture.</summary>
public sealed class ScenariosCommandTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("sparring-scenarios-").FullName;

    public ScenariosCommandTests()
    {
        var source = Path.Combine(RepositoryPaths.Root, "tests", "Sparring.Engine.Tests", "Fixtures", "templated-shop");
        foreach (var file in Directory.GetFiles(source, "*", SearchOption.AllDirectories).Where(f => !f.Contains(".sparring-cache", StringComparison.Ordinal)))
        {
            var target = Path.Combine(Environment, Path.GetRelativePath(source, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }

        var spec = Path.Combine(Environment, "environment.yaml");
        File.WriteAllText(spec, File.ReadAllText(spec)
            .Replace("instances: { train: 2400, test: 800 }", "instances: { train: 20, test: 8 }", StringComparison.Ordinal)
            .Replace("instances: { train: 600, test: 200 }", "instances: { train: 5, test: 2 }", StringComparison.Ordinal));
    }

    private string Environment => Path.Combine(_folder, "shop");

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static async Task<(int Code, string Output)> RunAsync(params string[] args)
    {
        var console = new TestConsole().Width(250);
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>()).Build();
        var policies = new CheckpointPolicies(NullLoggerFactory.Instance);
        var app = new CliApp(console, configuration, NullLoggerFactory.Instance, new ModelCatalog(configuration, SampleAgents.References, policies), policies);
        var code = await app.RunAsync(args, CancellationToken.None);
        return (code, console.Output);
    }

    private static YamlSequenceNode Parse(string yaml)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(yaml));
        return (YamlSequenceNode)stream.Documents.Single().RootNode;
    }

    private static string Scalar(YamlNode item, string key) => ((YamlScalarNode)((YamlMappingNode)item).Children[new YamlScalarNode(key)]).Value!;

    [Fact]
    public async Task Eval_of_a_templated_environment_prints_the_reward_of_each_template()
    {
        var (code, output) = await RunAsync("eval", Environment, "--policy", "random", "--split", "test", "--out", Path.Combine(_folder, "runs"));

        Assert.Equal(0, code);
        var templates = output[output.IndexOf("Templates", StringComparison.Ordinal)..];
        Assert.Matches(@"cancel-pending\s*│\s*8\s*│\s*8\s*│", templates);
        Assert.Matches(@"order-status\s*│\s*2\s*│\s*2\s*│", templates);
    }

    [Fact]
    public async Task Prints_a_seeded_sample_of_a_templates_instances_in_a_split_as_YAML()
    {
        var (code, output) = await RunAsync("scenarios", Environment, "--template", "cancel-pending", "--split", "test", "--sample", "3", "--seed", "7");
        var (_, again) = await RunAsync("scenarios", Environment, "--template", "cancel-pending", "--split", "test", "--sample", "3", "--seed", "7");
        var (_, other) = await RunAsync("scenarios", Environment, "--template", "cancel-pending", "--split", "test", "--sample", "3", "--seed", "8");

        Assert.Equal(0, code);
        var items = Parse(output);
        Assert.Equal(3, items.Children.Count);
        Assert.All(items, item => Assert.Matches("^cancel-pending\\.test\\.\\d+$", Scalar(item, "id")));
        Assert.All(items, item => Assert.Equal("test", Scalar(item, "split")));
        Assert.All(items, item => Assert.Matches("^CUS-\\d{4}$", Scalar(item, "key")));
        Assert.Equal(3, output.Split('\n').Count(line => line == "# from template cancel-pending"));
        Assert.Equal(output, again);
        Assert.NotEqual(output, other);
    }

    [Fact]
    public async Task Prints_every_scenario_written_and_generated_without_filters()
    {
        var (code, output) = await RunAsync("scenarios", Environment, "--no-cache");

        Assert.Equal(0, code);
        var ids = Parse(output).Select(item => Scalar(item, "id")).ToList();
        Assert.Equal(2 + 28 + 7, ids.Count);
        Assert.Equal(["refund-dispute", "lost-parcel", "cancel-pending.train.0"], ids.Take(3));
    }

    [Theory]
    [InlineData("--split", "validation", "error: --split must be train or test, not 'validation'")]
    [InlineData("--sample", "0", "error: --sample must be at least 1, not 0")]
    [InlineData("--template", "refunds", "error: templated-shop has no template 'refunds' (templates: cancel-pending, order-status)")]
    public async Task Bad_input_exits_2_with_one_line(string option, string value, string message)
    {
        var (code, output) = await RunAsync("scenarios", Environment, option, value);

        Assert.Equal(2, code);
        Assert.Equal(message, output.Trim());
    }

    [Fact]
    public async Task Validate_prints_the_template_counts_and_times_and_a_second_run_takes_them_from_the_cache_folder()
    {
        var (code, output) = await RunAsync("validate", Environment);
        var (_, warm) = await RunAsync("validate", Environment);

        Assert.Equal(0, code);
        Assert.Contains("scenarios: 37 (26 train, 11 test), gold actions replayed", output, StringComparison.Ordinal);
        Assert.Contains("templates: cancel-pending (20 train, 8 test), order-status (5 train, 2 test)", output, StringComparison.Ordinal);
        Assert.Matches(@"instances: 35 in \d+\.\d s \(35 generated, 35 validated, 0 known valid from the cache\)", output);
        Assert.Matches(@"instances: 35 in \d+\.\d s \(0 generated, 0 validated, 35 known valid from the cache\)", warm);
        Assert.True(File.Exists(Path.Combine(Environment, ".sparring-cache", "scenarios.json")));
    }

    [Fact]
    public async Task Validate_of_an_environment_without_templates_writes_no_cache()
    {
        var miniShop = Path.Combine(_folder, "mini-shop");
        Directory.CreateDirectory(miniShop);
        File.Copy(Path.Combine(RepositoryPaths.Root, "tests", "Sparring.Engine.Tests", "Fixtures", "mini-shop", "environment.yaml"), Path.Combine(miniShop, "environment.yaml"));

        var (code, output) = await RunAsync("validate", miniShop);

        Assert.Equal(0, code);
        Assert.DoesNotContain("templates:", output, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(miniShop, ".sparring-cache")));
    }
}
