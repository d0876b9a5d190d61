using System.Net;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;
using Spectre.Console.Testing;
using Sparring.Models;
using Sparring.Training.Chat;
using Sparring.Samples.MedicalSupply;

namespace Sparring.Cli.Tests.ReportPages;

/// <summary>sparring report writes the page of a run folder, an eval folder or a stored run id, or serves it over HTTP.</summary>
public sealed partial class ReportCommandTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("sparring-report-").FullName;

    private static string MiniShop => Path.Combine(RepositoryPaths.Root, "tests", "Sparring.Engine.Tests", "Fixtures", "mini-shop");

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task A_run_folder_and_a_run_id_in_a_store_both_give_the_page_and_eval_writes_one_too()
    {
        var store = Path.Combine(_folder, "out");
        var (runCode, runText) = await RunAsync(new TestConsole().Width(250), "run", MiniShop, "--policy", "random", "-k", "2", "--run-id", "r1", "--out", store);
        Assert.True(runCode == 0, runText);
        var runFolder = Path.Combine(store, "local", "runs", "r1");
        File.Delete(Path.Combine(runFolder, "report.html"));

        var (code, text) = await RunAsync(new TestConsole().Width(250), "report", runFolder);

        Assert.True(code == 0, text);
        Assert.Contains($"written to {Path.Combine(runFolder, "report.html")}", text, StringComparison.Ordinal);
        var page = await File.ReadAllTextAsync(Path.Combine(runFolder, "report.html"));
        Assert.Contains("\"id\":\"cancel-a1.1\"", page, StringComparison.Ordinal);

        var elsewhere = Path.Combine(_folder, "pages", "r1.html");
        (code, text) = await RunAsync(new TestConsole().Width(250), "report", "r1", "--store", store, "--out", elsewhere);
        Assert.True(code == 0, text);
        Assert.Equal(page.Length, (await File.ReadAllTextAsync(elsewhere)).Length);

        var eval = Path.Combine(_folder, "eval");
        (code, text) = await RunAsync(new TestConsole().Width(250), "eval", MiniShop, "--policy", "random", "--run-id", "e1", "--out", eval);
        Assert.True(code == 0, text);
        Assert.Contains("\"title\":\"e1\"", await File.ReadAllTextAsync(Path.Combine(eval, "report.html")), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(true, "is neither a run folder")]
    [InlineData(false, "'missing-run' is not a folder; to name a run by its id, say where it is stored with --store")]
    public async Task A_target_that_is_not_a_run_is_named(bool folder, string message)
    {
        var (code, text) = await RunAsync(new TestConsole().Width(250), "report", folder ? _folder : "missing-run");

        Assert.Equal(2, code);
        Assert.Contains(message, text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_run_id_the_store_does_not_hold_is_named()
    {
        var (code, text) = await RunAsync(new TestConsole().Width(250), "report", "nope", "--store", _folder);

        Assert.Equal(2, code);
        Assert.Contains("local/runs/nope/ has no report.json", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Serve_answers_the_page_over_http_until_cancelled()
    {
        var store = Path.Combine(_folder, "out");
        var (runCode, runText) = await RunAsync(new TestConsole().Width(250), "run", MiniShop, "--policy", "random", "--run-id", "r1", "--out", store);
        Assert.True(runCode == 0, runText);
        var console = new TestConsole().Width(250);
        using var stop = new CancellationTokenSource();

        var serving = RunAsync(console, stop.Token, "report", Path.Combine(store, "local", "runs", "r1"), "--serve", "--port", "0");
        Uri? address = null;
        for (var i = 0; i < 200 && address is null && !serving.IsCompleted; i++)
        {
            await Task.Delay(50);
            address = Address().Match(console.Output) is { Success: true } match ? new Uri(match.Groups[1].Value) : null;
        }

        Assert.True(address is not null, console.Output);
        using (var http = new HttpClient())
        {
            using var page = await http.GetAsync(address);
            Assert.Equal(HttpStatusCode.OK, page.StatusCode);
            Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
            Assert.Contains("id=\"report-data\"", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
            using var other = await http.GetAsync(new Uri(address, "/secrets"));
            Assert.Equal(HttpStatusCode.NotFound, other.StatusCode);
        }

        await stop.CancelAsync();
        var (code, text) = await serving;
        Assert.True(code == 0, text);
        Assert.Contains("Stopped.", text, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(store, "local", "runs", "r1", "report.html.partial")));
    }

    [GeneratedRegex(@"at (http://\S+/);")]
    private static partial Regex Address();

    private static Task<(int Code, string Output)> RunAsync(TestConsole console, params string[] args) => RunAsync(console, CancellationToken.None, args);

    private static async Task<(int Code, string Output)> RunAsync(TestConsole console, CancellationToken cancellationToken, params string[] args)
    {
        var configuration = new ConfigurationBuilder().Build();
        await using var policies = new CheckpointPolicies(NullLoggerFactory.Instance);
        var app = new CliApp(console, configuration, NullLoggerFactory.Instance, new ModelCatalog(configuration, SampleAgents.References, policies), policies);
        var code = await app.RunAsync(args, cancellationToken);
        return (code, console.Output);
    }
}
