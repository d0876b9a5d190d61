using System.Text.Json;
using Sparring.Abstractions.Json;
using Sparring.Abstractions.Trajectories;
using Sparring.Training.Tokenization;

namespace Sparring.Training.Tests.Tokenization;

/// <summary>The medical-supply transcripts and a tokenizer trained once on them, shared by the tests.</summary>
public sealed class TranscriptFixture
{
    public TranscriptFixture()
    {
        var path = Path.Combine(RepositoryPaths.Environment("medical-supply-support"), "transcripts", "synthetic.jsonl");
        Conversations = [.. File.ReadLines(path).Where(line => line.Length > 0).Select(ReadConversation)];
        Texts = [.. Conversations.SelectMany(conversation => ChatTemplate.TextsOf(conversation))];
        Tokenizer = TokenizerTrainer.Train(Texts, TokenizerTrainer.DefaultVocabularySize);
        Template = new ChatTemplate(Tokenizer);
    }

    public IReadOnlyList<IReadOnlyList<ChatMessageRecord>> Conversations { get; }

    public IReadOnlyList<string> Texts { get; }

    public Tokenizer Tokenizer { get; }

    public ChatTemplate Template { get; }

    private static IReadOnlyList<ChatMessageRecord> ReadConversation(string line)
    {
        using var document = JsonDocument.Parse(line);
        return document.RootElement.GetProperty("messages").Deserialize(SparringJsonContext.Default.IReadOnlyListChatMessageRecord)!;
    }
}

[CollectionDefinition(Name)]
public sealed class TranscriptCollection : ICollectionFixture<TranscriptFixture>
{
    public const string Name = "transcripts";
}
