using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Sparring.Engine.Chat;
using Sparring.Engine.Environments;
using Sparring.Engine.Grading;
using Sparring.Engine.Users;
using Sparring.Models;
using Sparring.Samples.MedicalSupply;

namespace Sparring.Orchestration.Tests;

/// <summary>The real catalog, with every policy call counted.</summary>
internal sealed class CountingModelCatalog : IModelCatalog
{
    private readonly ModelCatalog _inner = new(new ConfigurationBuilder().Build(), SampleAgents.References);
    private int _calls;

    public int PolicyCalls => _calls;

    public ChatModel Policy(string name, LoadedEnvironment environment)
    {
        var model = _inner.Policy(name, environment);
        return model with { Client = new CountingClient(model.Client, this) };
    }

    public IMockUserFactory Users(string name) => _inner.Users(name);

    public ChatModel? Judge(string? name) => _inner.Judge(name);

    public IRubricScorer? RubricScorer(string? name) => _inner.RubricScorer(name);

    private sealed class CountingClient(IChatClient inner, CountingModelCatalog owner) : DelegatingChatClient(inner)
    {
        public override Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
        {
            Interlocked.Increment(ref owner._calls);
            return base.GetResponseAsync(messages, options, cancellationToken);
        }
    }
}
