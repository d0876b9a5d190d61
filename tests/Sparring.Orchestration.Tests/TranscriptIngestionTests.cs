using System.Text;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging.Abstractions;
using Sparring.Abstractions.Storage;
using Sparring.Engine.Environments;
using Sparring.Orchestration.Contracts;
using Sparring.Orchestration.Services;
using Sparring.Storage;

namespace Sparring.Orchestration.Tests;

/// <summary>
/// Nightly ingestion: only redacted text is stored or sent to the deriving model, and the scenarios it derived are the
/// ones every activity loads through the grounded environment reference.
/// </summary>
public sealed class TranscriptIngestionTests : IDisposable
{
    private const string Tenant = "contoso";
    private readonly string _root = Directory.CreateTempSubdirectory("sparring-ingestion-").FullName;

    private sealed class PathSource : IEnvironmentSource
    {
        public Task<string> MaterializeAsync(string tenant, EnvironmentReference reference, CancellationToken cancellationToken) => Task.FromResult(reference.Path!);
    }

    private sealed class Deriver(string answer) : IChatClient
    {
        public List<string> Seen { get; } = [];

        public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
        {
            Seen.AddRange(messages.Select(m => m.Text));
            return Task.FromResult(new ChatResponse(new ChatMessage(ChatRole.Assistant, answer)));
        }

        public IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
            throw new NotSupportedException();

        public object? GetService(Type serviceType, object? serviceKey = null) => null;

        public void Dispose()
        {
        }
    }

    [Fact]
    public async Task A_models_derivation_is_stored_and_is_what_the_grounded_environment_plays()
    {
        var files = new FolderTenantFiles(_root);
        await files.WriteAsync(Tenant, "transcripts/2026/11/26/calls.txt", Encoding.UTF8.GetBytes(
            "Customer: My oxygen concentrator order ORD-1042 never came! My email is walter.l@example.com.\nAgent: I'm sorry. Let me check order ORD-1042.\nCustomer: This is ridiculous, I need it today.\n"), default);
        var model = new Deriver("""
            {"reason": "Order ORD-1042 has not arrived and is needed today.", "mood": "angry", "patience": 4,
             "opening_line": "My oxygen concentrator order ORD-1042 never came!", "known_info": [{"key": "order number", "value": "ORD-1042"}],
             "unknown_info": [], "style_examples": ["This is ridiculous, I need it today."], "transfer": false}
            """);
        var medical = new EnvironmentReference(RepositoryPaths.Environment("medical-supply-support"));

        var result = await new TranscriptIngestion(files, NullLogger<TranscriptIngestion>.Instance, model)
            .IngestAsync(new TranscriptIngestionRequest(Tenant, "nightly-20261127", medical, ["transcripts/2026/11/26/calls.txt"]), default);
        var environment = await new EnvironmentCatalog(new PathSource(), new EnvironmentLoader(), files).GetAsync(Tenant, result.Environment, default);

        Assert.Equal(1, result.Transcripts);
        Assert.Equal(1, result.Redactions["email"]);
        Assert.Empty(result.Problems);
        Assert.DoesNotContain(model.Seen, text => text.Contains("walter.l@example.com", StringComparison.Ordinal));
        Assert.True(File.Exists(Path.Combine(_root, Tenant, "nightly", "nightly-20261127", "scenarios.json")));
        var derived = Assert.Single(environment.Spec.Scenarios, s => s.Tags.Contains(ScenarioTags.Transcript));
        Assert.Equal("Order ORD-1042 has not arrived and is needed today.", derived.Persona.ReasonForCall);
        Assert.Equal(Mood.Angry, derived.Persona.Mood);
        Assert.NotNull(environment.Users?.TryCreate("grounded", _ => throw new InvalidOperationException("the grounded users come with the environment")));
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);
}
