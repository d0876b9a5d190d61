using System.ClientModel;
using System.ClientModel.Primitives;
using Microsoft.Extensions.AI;
using OpenAI;
using Sparring.Serving.Hosting;
using Sparring.Serving.Models;

namespace Sparring.Serving.Tests;

/// <summary>A real server on a free loopback port serving one model, "policy", and the clients that call it.</summary>
internal sealed class ServerScope : IAsyncDisposable
{
    public const string Model = "policy";

    private readonly ServedModels _models;

    private ServerScope(ServedModels models, ChatCompletionsServer server)
    {
        _models = models;
        Server = server;
        Http = new HttpClient { BaseAddress = server.BaseAddress };
    }

    public ChatCompletionsServer Server { get; }

    /// <summary>Plain HTTP, for what the OpenAI client would hide (status codes, error bodies, raw events).</summary>
    public HttpClient Http { get; }

    /// <summary>The official OpenAI client, without retries so that a 500 is seen once.</summary>
    public OpenAIClient OpenAI => new(new ApiKeyCredential("unused"), new OpenAIClientOptions { Endpoint = Server.BaseAddress, RetryPolicy = new ClientRetryPolicy(0) });

    /// <summary>The same, seen through Microsoft.Extensions.AI.</summary>
    public IChatClient ChatClient => OpenAI.GetChatClient(Model).AsIChatClient();

    public static async Task<ServerScope> StartAsync(IChatClient client)
    {
        var models = new ServedModels().Add(Model, client);
        var server = await ChatCompletionsServer.StartAsync(models, new ChatCompletionsServerOptions { Port = 0 });
        return new ServerScope(models, server);
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await Server.DisposeAsync();
        await _models.DisposeAsync();
    }
}
