using System.Text.Json;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Playwright;
using Spectre.Console.Testing;
using Sparring.Abstractions.Json;
using Sparring.Abstractions.Storage;
using Sparring.Abstractions.Trajectories;
using Sparring.Models;
using Sparring.Orchestration.Contracts;
using Sparring.ReportPages;
using Sparring.Training.Chat;
using Sparring.Transcripts.Fidelity;
using Sparring.Transcripts.Json;
using Xunit.Abstractions;
using Sparring.Samples.MedicalSupply;

namespace Sparring.Cli.Tests.ReportPages;

/// <summary>
/// The report.html of a real run and of a real training run, and a nightly page, opened in headless chromium: every
/// chart drew, the filters narrow the table, and an episode's conversation is two clicks from the opened page.
/// </summary>
public sealed class ReportBrowserTests(ITestOutputHelper output) : IDisposable
{
    private static readonly string[] RunCharts = ["reward-distribution", "grader-means", "pass-k", "containment", "terminations", "tokens", "cost", "latency", "scenario-reward"];

    private readonly string _folder = Directory.CreateTempSubdirectory("sparring-report-browser-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task The_report_of_a_run_draws_every_chart_and_opens_an_episode_conversation_from_its_row()
    {
        var store = Path.Combine(_folder, "out");
        var (code, text) = await RunAsync("run", RepositoryPaths.Environment("medical-supply-support"), "--split", "test", "-k", "2", "--run-id", "r1", "--out", store);
        Assert.True(code == 0, text);
        var runFolder = Path.Combine(store, "local", "runs", "r1");
        var trajectories = (await File.ReadAllLinesAsync(Path.Combine(runFolder, "trajectories-000.jsonl")))
            .Select(line => JsonSerializer.Deserialize(line, SparringJsonContext.Default.Trajectory)!).ToList();
        Assert.True(trajectories.Count >= 4, $"{trajectories.Count} episodes");

        var (playwright, browser) = await HeadlessChromium.LaunchAsync();
        using (playwright)
        await using (browser)
        {
            var (page, errors) = await OpenAsync(browser, Path.Combine(runFolder, "report.html"));
            await AssertChartsAsync(page, RunCharts, errors);
            Assert.Equal(trajectories.Count, await page.Locator("tr.episode-row").CountAsync());

            // The episode with the most tool calls: its conversation shows calls, arguments and results.
            var chosen = trajectories.OrderByDescending(t => t.ToolCalls.Count).ThenBy(t => t.EpisodeId, StringComparer.Ordinal).First();
            Assert.NotEmpty(chosen.ToolCalls);

            // Click 1: the scenario filter; click 2: the row.
            await page.Locator("select[data-filter=scenario]").SelectOptionAsync(chosen.Scenario.Id);
            Assert.Equal(trajectories.Count(t => t.Scenario.Id == chosen.Scenario.Id), await page.Locator("tr.episode-row:visible").CountAsync());
            await page.Locator($"tr.episode-row[data-episode-id=\"{chosen.EpisodeId}\"]").ClickAsync();
            await AssertConversationAsync(page, chosen);
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Screenshot("run-report.png"), FullPage = true });

            // Closing and filtering by reward and termination narrows the table as a reader expects.
            await page.Locator("#episode button.close").ClickAsync();
            Assert.True(await page.Locator("#episode").IsHiddenAsync());
            await page.Locator("button", new PageLocatorOptions { HasText = "clear" }).ClickAsync();
            await page.Locator("input[data-filter=min-reward]").FillAsync("1.01");
            Assert.Equal(0, await page.Locator("tr.episode-row:visible").CountAsync());
            Assert.Equal($"0 of {trajectories.Count} episodes", await page.Locator("#episode-count").TextContentAsync());
            await page.Locator("input[data-filter=min-reward]").FillAsync(string.Empty);
            var transfers = trajectories.Count(t => t.Termination.Reason == TerminationReason.AgentTransfer);
            if (transfers > 0)
            {
                await page.Locator("select[data-filter=termination]").SelectOptionAsync("agent_transfer");
                Assert.Equal(transfers, await page.Locator("tr.episode-row:visible").CountAsync());
            }

            Assert.Empty(errors);
        }
    }

    [Fact]
    public async Task The_report_of_a_training_run_draws_the_reward_kl_and_entropy_curves_and_the_final_evaluation_episodes()
    {
        var transcripts = Path.Combine(_folder, "transcripts.jsonl");
        await File.WriteAllLinesAsync(transcripts, Enumerable.Range(0, 6).Select(i =>
            $$$"""{"messages":[{"role":"user","content":"Hi, I want to cancel my order."},{"role":"assistant","content":"Sure. What is the order id?"},{"role":"user","content":"A{{{i}}}"},{"role":"assistant","content":null,"tool_calls":[{"id":"c1","type":"function","function":{"name":"get_order","arguments":"{\"order_id\":\"A{{{i}}}\"}"}}]},{"role":"tool","tool_call_id":"c1","content":"{\"status\":\"processing\"}"},{"role":"assistant","content":"Order A{{{i}}} is processing. Shall I go ahead and cancel it?"}]}"""));
        var store = Path.Combine(_folder, "out");
        var miniShop = Path.Combine(RepositoryPaths.Root, "tests", "Sparring.Engine.Tests", "Fixtures", "mini-shop");
        var (code, text) = await RunAsync("train", miniShop, "--preset", "smoke", "--data", transcripts, "--train-id", "t1", "--out", store);
        Assert.True(code == 0, text);
        var runs = Path.Combine(store, "local", "runs");
        var evaluation = (await File.ReadAllLinesAsync(Path.Combine(runs, "t1-grpo-eval", "trajectories-000.jsonl")))
            .Select(line => JsonSerializer.Deserialize(line, SparringJsonContext.Default.Trajectory)!).ToList();
        Assert.NotEmpty(evaluation);

        var (playwright, browser) = await HeadlessChromium.LaunchAsync();
        using (playwright)
        await using (browser)
        {
            var (page, errors) = await OpenAsync(browser, Path.Combine(runs, "t1", "report.html"));
            await AssertChartsAsync(page, ["train-reward", "train-kl", "train-entropy", "train-evaluations", .. RunCharts], errors);
            foreach (var curve in new[] { "train-reward", "train-kl", "train-entropy" })
            {
                Assert.True(await page.Locator($"figure[data-chart={curve}] svg circle.point").CountAsync() > 0, $"{curve} has no points");
                Assert.Equal(1, await page.Locator($"figure[data-chart={curve}] svg polyline.line").First.CountAsync());
            }

            Assert.Contains("t1-grpo-eval", await page.Locator("#training table").TextContentAsync(), StringComparison.Ordinal);
            Assert.Equal(evaluation.Count, await page.Locator("tr.episode-row").CountAsync());

            // One click from the opened page: the row.
            var chosen = evaluation[0];
            await page.Locator($"tr.episode-row[data-episode-id=\"{chosen.EpisodeId}\"]").ClickAsync();
            await AssertConversationAsync(page, chosen);
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Screenshot("train-report.png"), FullPage = true });
            Assert.Empty(errors);
        }

        // Every rollout run of the training has its own page too.
        Assert.True(File.Exists(Path.Combine(runs, "t1-grpo-001", "report.html")));
    }

    [Fact]
    public async Task The_report_of_a_nightly_run_draws_the_promotion_gate_and_the_mock_user_fidelity()
    {
        var nightly = new NightlyReport
        {
            NightlyId = "n1",
            Tenant = "local",
            Now = DateTimeOffset.UnixEpoch,
            Outcome = "kept",
            Summary = "The candidate did not beat the current policy by the margin.",
            Current = new ModelReference("shop-policy", "v1"),
            Candidate = new ModelReference("shop-policy", "n1"),
            DataRunId = "n1-data",
            Gate = new PromotionDecision(false, 0.62, 0.61, 0.02, [new GateComparison("safety", 1, 1)], ["the candidate's mean reward 0.610 is not above 0.620 + 0.02"]),
        };
        var fidelity = new FidelityReport("grounded", 12, 12, 0.81, [new FidelityFeature("turn_count", 0.9, 6, 5.5), new FidelityFeature("mood", 0.7, 0.4, 0.3)], 0.62, 0.8);
        var content = new RunReportPageContent
        {
            Title = "n1",
            Nightly = JsonSerializer.SerializeToElement(nightly, OrchestrationJsonContext.Default.NightlyReport),
            Fidelity = JsonSerializer.SerializeToElement(fidelity, TranscriptsJsonContext.Default.FidelityReport),
        };
        var file = Path.Combine(_folder, "nightly.html");
        await File.WriteAllTextAsync(file, RunReportPage.Render(content));

        var (playwright, browser) = await HeadlessChromium.LaunchAsync();
        using (playwright)
        await using (browser)
        {
            var (page, errors) = await OpenAsync(browser, file);
            await AssertChartsAsync(page, ["gate", "fidelity"], errors);
            Assert.Equal("kept", await page.Locator("#nightly-outcome").TextContentAsync());
            Assert.Equal(2, await page.Locator("figure[data-chart=gate] svg .bar").CountAsync());
            Assert.Equal(2, await page.Locator("figure[data-chart=fidelity] svg .bar").CountAsync());
            Assert.Contains("shop-policy@n1", await page.Locator("#nightly table").First.TextContentAsync(), StringComparison.Ordinal);
            Assert.Contains("is not above", await page.Locator("#nightly ul").TextContentAsync(), StringComparison.Ordinal);
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Screenshot("nightly-report.png"), FullPage = true });
            Assert.Empty(errors);
        }
    }

    private static async Task<(IPage Page, List<string> Errors)> OpenAsync(IBrowser browser, string file)
    {
        Assert.True(File.Exists(file), $"{file} was not written");
        var page = await browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1280, Height = 900 } });
        var seen = new List<string>();
        page.PageError += (_, error) => seen.Add(error);
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                seen.Add(message.Text);
            }
        };
        await page.GotoAsync(new Uri(file).AbsoluteUri);
        return (page, seen);
    }

    private static async Task AssertChartsAsync(IPage page, IReadOnlyList<string> expected, List<string> errors)
    {
        Assert.True(errors.Count == 0, string.Join(Environment.NewLine, errors));
        var drawn = await page.Locator("figure.chart").EvaluateAllAsync<string[]>("figures => figures.map(f => f.dataset.chart)");
        Assert.All(expected, chart => Assert.Contains(chart, drawn));
        foreach (var chart in drawn)
        {
            var marks = await page.Locator($"figure[data-chart={chart}] svg").Locator(".bar, .point").CountAsync();
            Assert.True(marks > 0, $"chart {chart} drew no bars or points");
        }
    }

    private static async Task AssertConversationAsync(IPage page, Trajectory episode)
    {
        var panel = page.Locator("#episode");
        Assert.True(await panel.IsVisibleAsync());
        Assert.Contains(episode.EpisodeId, await panel.Locator("h2").TextContentAsync(), StringComparison.Ordinal);
        Assert.Equal(episode.Messages.Count, await panel.Locator(".message").CountAsync());
        var firstUser = episode.Messages.First(m => m.Role == "user" && !string.IsNullOrEmpty(m.Content));
        Assert.Equal(firstUser.Content, await panel.Locator(".message.role-user .content").First.TextContentAsync());
        Assert.Equal(episode.Messages.Sum(m => m.ToolCalls?.Count ?? 0), await panel.Locator(".tool-call").CountAsync());
        var grader = episode.Graders[0];
        var reasons = await panel.Locator("td.grader-reason").AllTextContentsAsync();
        Assert.Equal(episode.Graders.Count, reasons.Count);
        Assert.StartsWith(grader.Reason, reasons[0], StringComparison.Ordinal);
    }

    private string Screenshot(string name)
    {
        var path = HeadlessChromium.ScreenshotPath(name);
        output.WriteLine($"Screenshot: {path}");
        Console.WriteLine($"Screenshot: {path}");
        return path;
    }

    private static async Task<(int Code, string Output)> RunAsync(params string[] args)
    {
        var console = new TestConsole().Width(250);
        var configuration = new ConfigurationBuilder().Build();
        await using var policies = new CheckpointPolicies(NullLoggerFactory.Instance);
        var app = new CliApp(console, configuration, NullLoggerFactory.Instance, new ModelCatalog(configuration, SampleAgents.References, policies), policies);
        var code = await app.RunAsync(args, CancellationToken.None);
        return (code, console.Output);
    }
}
