using Sparring.Training.Tokenization;
using Sparring.Training.Generation;

namespace Sparring.Training.Tests;

/// <summary>Batched generation: the KV cache and left padding change nothing about the tokens drawn.</summary>
public sealed class GenerationTests
{
    private static readonly GenerationRequest[] Requests =
    [
        new(TinyPolicy.Tokenizer.Encode("where is my order #W2378156?"), MaxNewTokens: 20, Temperature: 0f),
        new(TinyPolicy.Tokenizer.Encode("hi"), MaxNewTokens: 30, Temperature: 1f, Seed: 3),
        new(TinyPolicy.Tokenizer.Encode("cancel order #W9911223 please, and tell me the balance"), MaxNewTokens: 25, Temperature: 0.8f, TopP: 0.9f, Seed: 11),
    ];

    [Fact]
    public void Generation_with_and_without_the_kv_cache_gives_the_same_tokens()
    {
        using var policy = TinyPolicy.Create();
        var generator = new SequenceGenerator(policy.Model, _ => false);

        var cached = generator.Generate(Requests, useCache: true);
        var recomputed = generator.Generate(Requests, useCache: false);

        for (var row = 0; row < Requests.Length; row++)
        {
            Assert.Equal(Requests[row].MaxNewTokens, cached[row].Tokens.Length);
            Assert.Equal(recomputed[row].Tokens, cached[row].Tokens);
        }
    }

    [Fact]
    public void A_prompt_generates_the_same_tokens_alone_as_in_a_padded_batch()
    {
        using var policy = TinyPolicy.Create();
        var generator = new SequenceGenerator(policy.Model, _ => false);

        var batched = generator.Generate(Requests);

        for (var row = 0; row < Requests.Length; row++)
        {
            Assert.Equal(generator.Generate([Requests[row]])[0].Tokens, batched[row].Tokens);
        }
    }

    [Fact]
    public void The_same_seed_draws_the_same_tokens_and_another_seed_others()
    {
        using var policy = TinyPolicy.Create();
        var generator = new SequenceGenerator(policy.Model, _ => false);
        var request = Requests[1];

        var first = generator.Generate([request])[0].Tokens;
        var again = generator.Generate([request])[0].Tokens;
        var other = generator.Generate([request with { Seed = 99 }])[0].Tokens;

        Assert.Equal(first, again);
        Assert.NotEqual(first, other);
    }

    [Fact]
    public void A_stop_token_ends_its_row_only_and_long_prompts_keep_their_latest_tokens()
    {
        using var policy = TinyPolicy.Create();
        var firstDrawn = new SequenceGenerator(policy.Model, _ => false).Generate([Requests[0]])[0].Tokens[0];
        var generator = new SequenceGenerator(policy.Model, id => id == firstDrawn);
        var longPrompt = Enumerable.Repeat(TinyPolicy.Tokenizer.Encode("order #W2378156 "), 20).SelectMany(ids => ids).ToArray();

        var results = generator.Generate([Requests[0], new(longPrompt, MaxNewTokens: 10, Temperature: 0f)]);

        Assert.True(results[0].Stopped);
        Assert.Equal([firstDrawn], results[0].Tokens);
        Assert.Equal(96 - 10, results[1].PromptTokens);
        Assert.Equal(longPrompt.Length - (96 - 10), results[1].TruncatedPromptTokens);
    }

    [Fact]
    public void A_request_for_more_tokens_than_the_context_is_refused_by_name()
    {
        using var policy = TinyPolicy.Create();
        var generator = new SequenceGenerator(policy.Model, ChatTemplate.IsStopToken);

        var error = Assert.Throws<ArgumentException>(() => generator.Generate([Requests[0] with { MaxNewTokens = 500 }]));

        Assert.Contains("maxNewTokens", error.Message);
    }
}
