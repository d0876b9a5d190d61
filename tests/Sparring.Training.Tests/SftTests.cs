using Microsoft.Extensions.Logging.Abstractions;
using Sparring.Training.Tokenization;
using Sparring.Training.Checkpoints;
using Sparring.Training.Data;
using Sparring.Training.Generation;
using Sparring.Training.Sft;

namespace Sparring.Training.Tests;

/// <summary>SFT on a few conversations: the loss falls and the policy then writes the replies it was taught.</summary>
public sealed class SftTests
{
    [Fact]
    public void Sft_loss_falls_and_the_policy_learns_its_replies_digit_for_digit()
    {
        using var policy = TinyPolicy.Create(seed: 2);
        var examples = TinyPolicy.Conversations
            .SelectMany(conversation => ConversationWindows.Of(policy.Template, conversation, policy.Config.Prompt, policy.Config.Model.ContextLength))
            .ToList();
        var trainer = new SftTrainer(policy.Model, new SftOptions { Epochs = 200, BatchSize = 4, LearningRate = 5e-3, WarmupSteps = 5 }, NullLogger<SftTrainer>.Instance);
        var before = trainer.Evaluate(examples);
        var steps = new List<SftProgress>();

        var result = trainer.Train(examples, examples, new InlineProgress<SftProgress>(steps.Add), CancellationToken.None);

        Assert.Equal(200, result.Steps);
        Assert.Equal(200, steps.Count);
        Assert.True(result.LastEpochLoss < result.FirstEpochLoss / 5, $"loss {result.FirstEpochLoss} → {result.LastEpochLoss}");
        Assert.True(result.ValidationLoss < before / 5, $"validation loss {before} → {result.ValidationLoss}");

        var prompt = policy.Template.RenderPrompt([TinyPolicy.User("cancel order #W9911223 please")]);
        var reply = new SequenceGenerator(policy.Model, ChatTemplate.IsStopToken).Generate([new GenerationRequest(prompt, 40, 0f)])[0];
        Assert.Equal("I can cancel #W9911223. Shall I go ahead?", policy.Template.Parse(reply.Tokens).Text);
    }

    [Fact]
    public void Only_assistant_tokens_count_and_long_conversations_are_cut_into_half_overlapping_windows()
    {
        var ids = Enumerable.Range(0, 250).ToArray();
        var mask = ids.Select(id => id % 3 == 0).ToArray();

        var windows = ConversationWindows.Cut(ids, mask, 100).ToList();

        Assert.All(windows, window => Assert.True(window.Ids.Length <= 100));
        var trained = windows.SelectMany(window => window.Ids.Where((_, i) => window.LossMask[i])).ToList();
        Assert.Equal(ids.Where(id => id % 3 == 0), trained);
    }

    private sealed class InlineProgress<T>(Action<T> report) : IProgress<T>
    {
        public void Report(T value) => report(value);
    }
}
