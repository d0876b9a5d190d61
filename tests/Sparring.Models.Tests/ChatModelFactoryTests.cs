using System.Net;
using System.Text;
using Azure.Core;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Sparring.Abstractions.Trajectories;

namespace Sparring.Models.Tests;

public sealed class ChatModelFactoryTests
{
    [Fact]
    public async Task Azure_without_a_key_sends_the_Entra_ID_token_as_bearer()
    {
        using var server = new ChatCompletionsStub();
        var factory = new ChatModelFactory(Settings(("Sparring:Llm:Provider", "azure"), ("Sparring:Llm:Endpoint", server.Url)), new StaticTokenCredential("entra-token"));

        var model = factory.Create("judge");
        var response = await model.Client.GetResponseAsync("hello", cancellationToken: CancellationToken.None);

        Assert.Equal("hi there", response.Text);
        var request = Assert.Single(server.Requests);
        Assert.Equal("Bearer entra-token", request.Authorization);
        Assert.Null(request.ApiKey);
        Assert.Contains("/deployments/judge/chat/completions", request.Path, StringComparison.Ordinal);
        Assert.Equal(new ModelIdentity("azure", "judge"), model.Identity);
    }

    [Fact]
    public async Task Azure_with_a_key_sends_the_key_and_no_token()
    {
        using var server = new ChatCompletionsStub();
        var factory = new ChatModelFactory(
            Settings(("Sparring:Llm:Provider", "azure"), ("Sparring:Llm:Endpoint", server.Url), ("Sparring:Llm:ApiKey", "key-1")),
            new StaticTokenCredential("entra-token"));

        await factory.Create("judge").Client.GetResponseAsync("hello", cancellationToken: CancellationToken.None);

        var request = Assert.Single(server.Requests);
        Assert.Equal("key-1", request.ApiKey);
        Assert.Null(request.Authorization);
    }

    [Fact]
    public void OpenAI_compatible_endpoints_still_need_a_key()
    {
        var factory = new ChatModelFactory(Settings(("Sparring:Llm:Provider", "openai"), ("Sparring:Llm:Endpoint", "http://127.0.0.1:1/v1/")));

        var error = Assert.Throws<ModelConfigurationException>(() => factory.Create("gpt-4o-mini"));

        Assert.Contains("Sparring__Llm__ApiKey", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_served_policy_goes_to_the_workers_endpoint_apart_from_the_LLM_provider()
    {
        using var server = new ChatCompletionsStub();
        var settings = Settings(("Sparring:Llm:Provider", "azure"), ("Sparring:Llm:Endpoint", "https://elsewhere.openai.azure.com/"), ("Sparring:Served:Endpoint", server.Url + "v1/"));
        var catalog = new ModelCatalog(settings);

        var environment = await new Sparring.Engine.Environments.EnvironmentLoader().LoadAsync(Path.Combine(RepositoryPaths.Root, "tests", "Sparring.Engine.Tests", "Fixtures", "mini-shop"), CancellationToken.None);
        var model = catalog.Policy("served:support-policy@nightly-20261127", environment);
        var response = await model.Client.GetResponseAsync("hello", cancellationToken: CancellationToken.None);

        Assert.Equal("hi there", response.Text);
        Assert.Contains("/v1/chat/completions", Assert.Single(server.Requests).Path, StringComparison.Ordinal);
        Assert.Equal(new ModelIdentity("served", "support-policy@nightly-20261127"), model.Identity);
        Assert.Contains("Sparring__Served__Endpoint", Assert.Throws<ModelConfigurationException>(() => new ModelCatalog(Settings()).Policy("served:x@1", environment)).Message, StringComparison.Ordinal);
    }

    private static IConfiguration Settings(params (string Key, string Value)[] values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values.Select(v => new KeyValuePair<string, string?>(v.Key, v.Value))).Build();

    private sealed class StaticTokenCredential(string token) : TokenCredential
    {
        public override AccessToken GetToken(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
            new(token, DateTimeOffset.UtcNow.AddHours(1));

        public override ValueTask<AccessToken> GetTokenAsync(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
            ValueTask.FromResult(GetToken(requestContext, cancellationToken));
    }

    private sealed record SeenRequest(string Path, string? Authorization, string? ApiKey);

    /// <summary>An Azure OpenAI chat completions endpoint on loopback that records each request's credentials.</summary>
    private sealed class ChatCompletionsStub : IDisposable
    {
        private const string Completion = """
            {"id":"c1","object":"chat.completion","created":1,"model":"gpt-4o","choices":[{"index":0,"finish_reason":"stop","message":{"role":"assistant","content":"hi there"}}],"usage":{"prompt_tokens":1,"completion_tokens":2,"total_tokens":3}}
            """;

        private readonly HttpListener _listener = new();
        private readonly Task _loop;

        public ChatCompletionsStub()
        {
            var port = FreePort();
            Url = $"http://127.0.0.1:{port}/";
            _listener.Prefixes.Add(Url);
            _listener.Start();
            _loop = Task.Run(ServeAsync);
        }

        public string Url { get; }

        public List<SeenRequest> Requests { get; } = [];

        public void Dispose()
        {
            try
            {
                _listener.Close();
            }
            catch (HttpListenerException)
            {
                // Linux's managed HttpListener can fail to unregister its prefix while other test processes bind loopback ports.
            }

            _loop.Wait(TimeSpan.FromSeconds(5));
        }

        private async Task ServeAsync()
        {
            while (true)
            {
                HttpListenerContext context;
                try
                {
                    context = await _listener.GetContextAsync();
                }
                catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException or InvalidOperationException)
                {
                    return;
                }

                lock (Requests)
                {
                    Requests.Add(new SeenRequest(context.Request.Url!.AbsolutePath, context.Request.Headers["Authorization"], context.Request.Headers["api-key"]));
                }

                var body = Encoding.UTF8.GetBytes(Completion);
                context.Response.ContentType = "application/json";
                context.Response.ContentLength64 = body.Length;
                await context.Response.OutputStream.WriteAsync(body);
                context.Response.Close();
            }
        }

        private static int FreePort()
        {
            using var socket = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
            socket.Start();
            return ((IPEndPoint)socket.LocalEndpoint).Port;
        }
    }
}
