using System.Text.Json;
using Sparring.Transcripts.Json;
using Sparring.Engine.Environments;
using Sparring.Transcripts.Derivation;
using Sparring.Transcripts.Ingest;
using Sparring.Transcripts.Parsing;
using Sparring.Transcripts.Redaction;

namespace Sparring.Transcripts.Tests;

public sealed class IngestTests
{
    [Fact]
    public async Task RedactsBeforeTheModelSeesAnythingAndSkipsAnUnreadableFileWithItsPosition()
    {
        var model = new DerivationTests.FakeChatClient("{}");
        var ingest = new TranscriptIngest(new ScenarioDeriver(model));

        var result = await ingest.IngestAsync(
        [
            ("pii.txt", await File.ReadAllTextAsync(TestData.Fixture("pii.txt")), TranscriptFormat.Text),
            ("bad.jsonl", "{\"messages\": 3}", TranscriptFormat.ChatJsonl),
            ("again.txt", await File.ReadAllTextAsync(TestData.Fixture("pii.txt")), TranscriptFormat.Text),
        ]);

        var transcript = Assert.Single(result.Transcripts);
        Assert.Equal(["bad.jsonl:1: $.messages: must be an array of chat messages"], result.Errors);
        Assert.DoesNotContain(model.Seen, m => m.Contains("example-mail", StringComparison.Ordinal) || m.Contains("4111", StringComparison.Ordinal) || m.Contains("Evergreen", StringComparison.Ordinal));
        Assert.Contains(model.Seen, m => m.Contains("[EMAIL]", StringComparison.Ordinal));
        Assert.DoesNotContain(transcript.Turns, t => t.Text.Contains("Evergreen", StringComparison.Ordinal));
        Assert.Equal(2, result.Redactions[PiiKind.Email]);
        var scenario = Assert.Single(result.Scenarios);
        Assert.Equal("heuristic", scenario.Method);
        Assert.NotNull(scenario.FallbackReason);
    }

    [Fact]
    public async Task RedactedTranscriptsRoundTripThroughTheirJson()
    {
        var ingest = await new TranscriptIngest(new ScenarioDeriver()).IngestFilesAsync([TestData.Synthetic]);
        var json = JsonSerializer.Serialize(ingest.Transcripts, TranscriptsJsonContext.Default.IReadOnlyListTranscript);

        var back = JsonSerializer.Deserialize(json, TranscriptsJsonContext.Default.IReadOnlyListTranscript)!;

        Assert.Equal(json, JsonSerializer.Serialize(back, TranscriptsJsonContext.Default.IReadOnlyListTranscript));
        Assert.Contains("\"role\":\"Customer\"", json, StringComparison.Ordinal);
        Assert.DoesNotContain("@example.com", json, StringComparison.Ordinal);
        Assert.Equal(ingest.Transcripts.Select(t => t.Id), back.Select(t => t.Id));
    }

    [Fact]
    public async Task DerivedScenariosJoinALoadedEnvironmentAndItsEpisodes()
    {
        var environment = await new EnvironmentLoader().LoadAsync(TestData.Environment);
        var ingest = await new TranscriptIngest(new ScenarioDeriver()).IngestFilesAsync([TestData.Fixture("two.txt")]);

        var extended = environment.WithScenarios([.. ingest.Scenarios.Select(s => s.Scenario)]);

        Assert.Equal(environment.Spec.Scenarios.Count + 2, extended.Spec.Scenarios.Count);
        Assert.NotEqual(environment.ContentHash, extended.ContentHash);
        Assert.Equal(extended.GoldStateHashes[environment.Spec.Scenarios.First(s => s.Expected.Actions.Count == 0).Id], extended.GoldStateHashes[ingest.Scenarios[0].Scenario.Id]);
        Assert.Throws<ArgumentException>(() => extended.WithScenarios([ingest.Scenarios[0].Scenario]));
        Assert.Throws<ArgumentException>(() => environment.WithScenarios([environment.Spec.Scenarios.First(s => s.Expected.Actions.Count > 0) with { Id = "copy" }]));
    }
}
