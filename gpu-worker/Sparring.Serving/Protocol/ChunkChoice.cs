using System.Text.Json.Serialization;

namespace Sparring.Serving.Protocol;

/// <summary>What a chunk adds to the message, and on the last one why generation stopped.</summary>
/// <param name="Index">Always 0.</param>
/// <param name="Delta">The added role, text or tool calls.</param>
/// <param name="FinishReason">Null until the last chunk.</param>
internal sealed record ChunkChoice(
    int Index,
    ChunkDelta Delta,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] string? FinishReason);
