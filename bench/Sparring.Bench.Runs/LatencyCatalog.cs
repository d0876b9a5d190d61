using Microsoft.Extensions.AI;
using Sparring.Engine.Chat;
using Sparring.Engine.Environments;
using Sparring.Engine.Grading;
using Sparring.Engine.Users;

namespace Sparring.Bench.Runs;

/// <summary>The repository's models, with a fixed delay added to every policy call: a stand-in for a served model's latency.</summary>
internal sealed class LatencyCatalog(IModelCatalog inner, TimeSpan latency) : IModelCatalog
{
    public ChatModel Policy(string name, LoadedEnvironment environment)
    {
        var model = inner.Policy(name, environment);
        return latency == TimeSpan.Zero ? model : model with { Client = new SlowClient(model.Client, latency) };
    }

    public IMockUserFactory Users(string name) => inner.Users(name);

    public ChatModel? Judge(string? name) => inner.Judge(name);

    public IRubricScorer? RubricScorer(string? name) => inner.RubricScorer(name);

    private sealed class SlowClient(IChatClient client, TimeSpan latency) : DelegatingChatClient(client)
    {
        public override async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
        {
            await Task.Delay(latency, cancellationToken).ConfigureAwait(false);
            return await base.GetResponseAsync(messages, options, cancellationToken).ConfigureAwait(false);
        }
    }
}
