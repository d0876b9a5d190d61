using Sparring.Training.Chat;
using System.Text.Json;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;
using Spectre.Console.Testing;
using Sparring.Models;
using Sparring.Training.Tokenization;
using Sparring.Training.Checkpoints;
using Sparring.Training.Model;
using Sparring.Samples.MedicalSupply;

namespace Sparring.Cli.Tests;

public sealed partial class ServeCommandTests
{
    [Fact]
    public async Task Serve_answers_chat_requests_with_the_reference_policy_until_cancelled()
    {
        var console = new TestConsole().Width(250);
        var app = App(console);
        using var stop = new CancellationTokenSource(TimeSpan.FromMinutes(2));

        var serving = app.RunAsync(["serve", RepositoryPaths.Environment("medical-supply-support"), "--policy", "reference", "--port", "0"], stop.Token);
        var address = await AddressAsync(console, serving);
        using var http = new HttpClient { BaseAddress = address };

        var models = JsonDocument.Parse(await http.GetStringAsync("models")).RootElement;
        using var response = await http.PostAsync("chat/completions", new StringContent(
            """{"model":"reference","messages":[{"role":"user","content":"Hi, my order has not arrived and I need it for a patient."}]}""",
            System.Text.Encoding.UTF8,
            "application/json"));
        var completion = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        await stop.CancelAsync();
        var code = await serving;

        Assert.Equal("reference", models.GetProperty("data")[0].GetProperty("id").GetString());
        Assert.True(response.IsSuccessStatusCode, completion.ToString());
        var choice = completion.GetProperty("choices")[0];
        Assert.Equal("assistant", choice.GetProperty("message").GetProperty("role").GetString());
        Assert.False(string.IsNullOrWhiteSpace(choice.GetProperty("message").GetProperty("content").GetString()));
        Assert.Equal("stop", choice.GetProperty("finish_reason").GetString());
        Assert.Equal(0, code);
        Assert.Contains("Stopped.", console.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Serve_answers_with_a_trained_checkpoint_and_reports_its_token_usage()
    {
        var folder = Directory.CreateTempSubdirectory("sparring-serve-ckpt-").FullName;
        try
        {
            var tokenizer = TokenizerTrainer.Train(["Hi, my order has not arrived.", "I can help with that. What is the order id?"], 300);
            using (var policy = PolicyCheckpoint.Create(new TransformerConfig { VocabularySize = tokenizer.VocabularySize, ContextLength = 128, Layers = 1, Width = 32, Heads = 2 }, tokenizer))
            {
                policy.Save(folder, new TrainingMetadata { Kind = "sft", CreatedAt = DateTimeOffset.UnixEpoch });
            }

            var console = new TestConsole().Width(250);
            var app = App(console);
            using var stop = new CancellationTokenSource(TimeSpan.FromMinutes(2));
            var serving = app.RunAsync(["serve", RepositoryPaths.Environment("medical-supply-support"), "--policy", $"checkpoint:{folder}", "--model-id", "tiny", "--port", "0"], stop.Token);
            var address = await AddressAsync(console, serving);
            using var http = new HttpClient { BaseAddress = address };

            using var response = await http.PostAsync("chat/completions", new StringContent(
                """{"model":"tiny","max_tokens":12,"seed":3,"messages":[{"role":"user","content":"Hi, my order has not arrived."}]}""",
                System.Text.Encoding.UTF8,
                "application/json"));
            var completion = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
            await stop.CancelAsync();
            Assert.Equal(0, await serving);

            Assert.True(response.IsSuccessStatusCode, completion.ToString());
            var usage = completion.GetProperty("usage");
            Assert.True(usage.GetProperty("prompt_tokens").GetInt32() > 5);
            Assert.InRange(usage.GetProperty("completion_tokens").GetInt32(), 1, 12);
            Assert.Contains(completion.GetProperty("choices")[0].GetProperty("finish_reason").GetString(), new[] { "stop", "length", "tool_calls" });
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task Serve_explains_a_host_it_cannot_listen_on_and_exits_2()
    {
        var console = new TestConsole().Width(250);
        var app = App(console);

        var code = await app.RunAsync(["serve", RepositoryPaths.Environment("medical-supply-support"), "--host", "example.com"], CancellationToken.None);

        Assert.Equal(2, code);
        Assert.Contains("The host 'example.com' is not an IP address, localhost or *.", console.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Serve_explains_a_port_already_taken_and_exits_2()
    {
        using var taken = new TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        var port = ((IPEndPoint)taken.LocalEndpoint).Port;
        var console = new TestConsole().Width(250);
        var app = App(console);

        var code = await app.RunAsync(["serve", RepositoryPaths.Environment("medical-supply-support"), "--port", port.ToString(CultureInfo.InvariantCulture)], CancellationToken.None);

        Assert.Equal(2, code);
        Assert.Contains($"Cannot listen on 127.0.0.1:{port}", console.Output, StringComparison.Ordinal);
    }

    private static async Task<Uri> AddressAsync(TestConsole console, Task<int> serving)
    {
        for (var waited = 0; waited < 600; waited++)
        {
            if (AddressPattern().Match(console.Output) is { Success: true } match)
            {
                return new Uri(match.Value);
            }

            Assert.False(serving.IsCompleted, console.Output);
            await Task.Delay(100);
        }

        throw new TimeoutException("serve printed no address: " + console.Output);
    }

    private static CliApp App(TestConsole console)
    {
        var configuration = new ConfigurationBuilder().Build();
        var policies = new CheckpointPolicies(NullLoggerFactory.Instance);
        return new CliApp(console, configuration, NullLoggerFactory.Instance, new ModelCatalog(configuration, SampleAgents.References, policies), policies);
    }

    [GeneratedRegex(@"http://127\.0\.0\.1:\d+/v1/")]
    private static partial Regex AddressPattern();
}
