using System.Text.Json.Serialization;

namespace Sparring.Metering.Usage;

/// <summary>Where a participant's cost in a usage record came from.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<CostBasis>))]
public enum CostBasis
{
    /// <summary>The model is in the price table: its tokens priced at the table's rates.</summary>
    [JsonStringEnumMemberName("price_table")] PriceTable,

    /// <summary>The model is not in the price table: the cost the trajectory itself recorded.</summary>
    [JsonStringEnumMemberName("trajectory")] Trajectory,

    /// <summary>The model is not in the price table and the trajectory recorded no cost: 0.</summary>
    [JsonStringEnumMemberName("none")] None,
}
