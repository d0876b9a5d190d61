using Sparring.Transcripts.Parsing;

namespace Sparring.Transcripts.Tests;

public sealed class ParsingTests
{
    [Fact]
    public async Task ReadsTheSyntheticChatJsonlWithToolCalls()
    {
        var transcripts = await TranscriptReader.ReadFileAsync(TestData.Synthetic);

        Assert.Equal(100, transcripts.Count);
        var first = transcripts[0];
        Assert.Equal("synthetic.jsonl", first.Source);
        Assert.Equal(1, first.Line);
        Assert.Equal("Hi, where is the pulse oximeter I ordered a few days ago?", first.CustomerTurns.First().Text);
        Assert.Contains(first.Turns, t => t.ToolCalls is { Count: > 0 } calls && calls[0].Function.Name == "find_customer");
        Assert.Contains(first.Turns, t => t.Role == TranscriptRole.Tool && t.ToolCallId == "call_1");
        Assert.Equal(first.Id, (await TranscriptReader.ReadFileAsync(TestData.Synthetic))[0].Id);
        Assert.Equal(16, first.Id.Length);
    }

    [Fact]
    public async Task ReadsTextConversationsSeparatedByDashesWithContinuationLines()
    {
        var transcripts = await TranscriptReader.ReadFileAsync(TestData.Fixture("two.txt"));

        Assert.Equal(2, transcripts.Count);
        Assert.Equal([TranscriptRole.Customer, TranscriptRole.Agent, TranscriptRole.Customer, TranscriptRole.Agent, TranscriptRole.Customer], transcripts[0].Turns.Select(t => t.Role));
        Assert.Equal("Thanks, it ships tomorrow.\nIs there anything else?", transcripts[0].Turns[3].Text);
        Assert.Equal(8, transcripts[1].Line);
        Assert.NotEqual(transcripts[0].Id, transcripts[1].Id);
    }

    [Fact]
    public void TextErrorsNameFileAndLine()
    {
        var error = Assert.Throws<TranscriptFormatException>(() => TranscriptReader.Read(File.ReadAllText(TestData.Fixture("bad.txt")), "bad.txt", TranscriptFormat.Text));

        Assert.Equal("bad.txt", error.File);
        Assert.Equal(4, error.Line);
        Assert.StartsWith("bad.txt:4: expected a turn starting with Agent:", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}\n{\"messages\":[{\"role\":\"customer\",\"content\":\"x\"}]}", 2, "$.messages[0].role")]
    [InlineData("{\"messages\":[{\"role\":\"user\",\"content\":\"hi\"},{\"role\":\"assistant\",\"content\":null,\"tool_calls\":[{\"id\":\"c\",\"function\":{\"arguments\":\"{}\"}}]}]}", 1, "$.messages[1].tool_calls[0].function.name")]
    [InlineData("\n\n{\"messages\": 3}", 3, "$.messages")]
    [InlineData("{\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}\n{\"messages\":[{\"role\":\"user\",", 2, "$")]
    [InlineData("{\"messages\":[{\"role\":\"assistant\",\"content\":\"hello\"}]}", 1, "$.messages")]
    public void JsonlErrorsNameTheLineAndTheJsonPath(string content, int line, string path)
    {
        var error = Assert.Throws<TranscriptFormatException>(() => TranscriptReader.Read(content, "day.jsonl", TranscriptFormat.ChatJsonl));

        Assert.Equal(line, error.Line);
        Assert.Equal(path, error.JsonPath);
        Assert.StartsWith($"day.jsonl:{line}: {path}: ", error.Message, StringComparison.Ordinal);
    }
}
