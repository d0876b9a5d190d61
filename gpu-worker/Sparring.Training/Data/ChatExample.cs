using System.Text.Json.Serialization;
using Sparring.Abstractions.Trajectories;

namespace Sparring.Training.Data;

/// <summary>One conversation of a chat JSONL file (OpenAI's fine-tuning format): transcripts and dataset.jsonl alike.</summary>
public sealed record ChatExample([property: JsonPropertyName("messages")] IReadOnlyList<ChatMessageRecord> Messages);
