using Sparring.Abstractions.Trajectories;
using Sparring.Training.Tokenization;
using Sparring.Training.Checkpoints;
using Sparring.Training.Model;

namespace Sparring.Training.Tests;

/// <summary>A tiny policy and conversations to train it on, shared by the model tests.</summary>
internal static class TinyPolicy
{
    public static IReadOnlyList<IReadOnlyList<ChatMessageRecord>> Conversations { get; } =
    [
        [User("where is my order #W2378156?"), Assistant("Let me look up order #W2378156."), User("thanks"), Assistant("You're welcome!")],
        [User("cancel order #W9911223 please"), Assistant("I can cancel #W9911223. Shall I go ahead?"), User("yes"), Assistant("Done: #W9911223 is cancelled.")],
        [User("my concentrator beeps"), Assistant("Is the patient breathing comfortably right now?"), User("yes"), Assistant("Check the filter and the tubing.")],
        [User("what is my balance?"), Assistant("Your balance is $25.00, due on 2026-02-01."), User("ok"), Assistant("Anything else?")],
    ];

    public static Tokenizer Tokenizer { get; } = TokenizerTrainer.Train(
        Conversations.SelectMany(conversation => ChatTemplate.TextsOf(conversation)), 320);

    public static TransformerConfig Config(int seed = 7) => new()
    {
        VocabularySize = Tokenizer.VocabularySize,
        ContextLength = 96,
        Layers = 2,
        Width = 32,
        Heads = 4,
        InitSeed = seed,
    };

    public static PolicyCheckpoint Create(int seed = 7) => PolicyCheckpoint.Create(Config(seed), Tokenizer);

    public static ChatMessageRecord User(string text) => new() { Role = "user", Content = text };

    public static ChatMessageRecord Assistant(string text) => new() { Role = "assistant", Content = text };
}
