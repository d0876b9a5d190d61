using System.Text.Json;

namespace Sparring.Serving.Protocol;

/// <summary>The body of POST /v1/chat/completions, as OpenAI defines it; every field optional here so that the translator can name what is missing.</summary>
internal sealed record ChatCompletionRequest
{
    /// <summary>The served model id.</summary>
    public string? Model { get; init; }

    /// <summary>The conversation so far.</summary>
    public List<RequestMessage?>? Messages { get; init; }

    /// <summary>Functions the model may call; the server only declares them, the caller runs them.</summary>
    public List<ToolDefinition?>? Tools { get; init; }

    /// <summary>"none", "auto", "required" or {"type":"function","function":{"name":…}}.</summary>
    public JsonElement? ToolChoice { get; init; }

    /// <summary>Whether the model may call several tools in one turn.</summary>
    public bool? ParallelToolCalls { get; init; }

    /// <summary>Sampling temperature, 0 to 2.</summary>
    public float? Temperature { get; init; }

    /// <summary>Nucleus sampling mass, 0 to 1.</summary>
    public float? TopP { get; init; }

    /// <summary>Presence penalty, -2 to 2.</summary>
    public float? PresencePenalty { get; init; }

    /// <summary>Frequency penalty, -2 to 2.</summary>
    public float? FrequencyPenalty { get; init; }

    /// <summary>The older name of <see cref="MaxCompletionTokens"/>.</summary>
    public int? MaxTokens { get; init; }

    /// <summary>The most tokens to generate.</summary>
    public int? MaxCompletionTokens { get; init; }

    /// <summary>Seed for reproducible sampling.</summary>
    public long? Seed { get; init; }

    /// <summary>A stop sequence or an array of up to four.</summary>
    public JsonElement? Stop { get; init; }

    /// <summary>Choices to generate; only 1 is served.</summary>
    public int? N { get; init; }

    /// <summary>Whether to answer with server-sent events.</summary>
    public bool? Stream { get; init; }

    /// <summary>Streaming options (include_usage).</summary>
    public StreamOptions? StreamOptions { get; init; }

    /// <summary>{"type":"text"}, {"type":"json_object"} or {"type":"json_schema","json_schema":{…}}.</summary>
    public JsonElement? ResponseFormat { get; init; }

    /// <summary>Log probabilities: not served.</summary>
    public bool? Logprobs { get; init; }

    /// <summary>Top log probabilities: not served.</summary>
    public int? TopLogprobs { get; init; }

    /// <summary>Token biases: not served.</summary>
    public JsonElement? LogitBias { get; init; }

    /// <summary>Audio output: not served.</summary>
    public JsonElement? Audio { get; init; }

    /// <summary>Output modalities: only text is served.</summary>
    public List<string?>? Modalities { get; init; }

    /// <summary>Predicted output: not served.</summary>
    public JsonElement? Prediction { get; init; }
}
