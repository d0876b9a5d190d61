using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Sparring.Abstractions.Trajectories;
using Sparring.Engine.Chat;
using Sparring.Engine.Environments;
using Sparring.Training.Tokenization;
using Sparring.Training.Checkpoints;
using Sparring.Training.Generation;

namespace Sparring.Training.Chat;

/// <summary>
/// Trained policies by name: <c>checkpoint:&lt;folder&gt;</c> loads a checkpoint folder once and serves it;
/// <c>live:&lt;name&gt;</c> is a policy this process is training, registered by the trainer, whose weights change between runs.
/// Each policy has one generation batcher, so all the episodes that use it generate together.
/// </summary>
public sealed class CheckpointPolicies(ILoggerFactory logging, int maxBatch = 64) : IPolicySource, IAsyncDisposable
{
    private const string CheckpointPrefix = "checkpoint:";
    private const string LivePrefix = "live:";
    private readonly ConcurrentDictionary<string, Lazy<Served>> _served = new(StringComparer.Ordinal);

    /// <inheritdoc />
    public IReadOnlyList<string> NameForms { get; } = ["checkpoint:<folder>", "live:<name> (a policy being trained in this process)"];

    /// <summary>Serves <paramref name="policy"/> as <c>live:&lt;name&gt;</c>, or replaces what that name served.</summary>
    public async Task RegisterAsync(string name, PolicyCheckpoint policy, PolicySampling sampling)
    {
        var key = LivePrefix + name;
        var served = new Lazy<Served>(() => Serve(policy, key, sampling, owned: false));
        if (_served.TryRemove(key, out var old) && old.IsValueCreated)
        {
            await old.Value.Batcher.DisposeAsync().ConfigureAwait(false);
        }

        _served[key] = served;
    }

    /// <inheritdoc />
    public ChatModel? TryCreate(string name, LoadedEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (name.StartsWith(LivePrefix, StringComparison.Ordinal))
        {
            return _served.TryGetValue(name, out var live)
                ? live.Value.Model
                : throw new InvalidOperationException($"No policy called '{name}' is being trained in this process.");
        }

        if (!name.StartsWith(CheckpointPrefix, StringComparison.Ordinal) || name.Length == CheckpointPrefix.Length)
        {
            return null;
        }

        var folder = Path.GetFullPath(name[CheckpointPrefix.Length..]);
        return _served.GetOrAdd(CheckpointPrefix + folder, key => new Lazy<Served>(() => Serve(PolicyCheckpoint.Load(folder), key, new PolicySampling(), owned: true))).Value.Model;
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        foreach (var served in _served.Values.Where(lazy => lazy.IsValueCreated).Select(lazy => lazy.Value))
        {
            await served.Batcher.DisposeAsync().ConfigureAwait(false);
            if (served.Owned)
            {
                served.Policy.Dispose();
            }
        }

        _served.Clear();
    }

    private Served Serve(PolicyCheckpoint policy, string name, PolicySampling sampling, bool owned)
    {
        var batcher = new GenerationBatcher(new SequenceGenerator(policy.Model, ChatTemplate.IsStopToken), maxBatch, TimeSpan.FromMilliseconds(2), logging.CreateLogger<GenerationBatcher>());
        var client = new PolicyChatClient(policy, batcher, name, sampling);
        var identity = new ModelIdentity("sparring", policy.Metadata is { } metadata ? $"{name} ({metadata.Kind}, {policy.Config.Model.ParameterCount:N0} parameters)" : name);
        return new Served(new ChatModel(client, identity, ModelPricing.Free), batcher, policy, owned);
    }

    private sealed record Served(ChatModel Model, GenerationBatcher Batcher, PolicyCheckpoint Policy, bool Owned);
}
