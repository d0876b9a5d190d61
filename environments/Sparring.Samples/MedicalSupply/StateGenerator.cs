using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Sparring.Engine.Tools;

namespace Sparring.Samples.MedicalSupply;

/// <summary>
/// Generates the initial state of the medical-supply environment (customers, devices, orders, deliveries, invoices,
/// technician slots) from a seed. The same seed always gives the same bytes: the committed state.json is this output,
/// and a test keeps it so, since the scenarios' gold actions refer to its ids.
/// </summary>
public sealed class StateGenerator(ulong seed = StateGenerator.DefaultSeed)
{
    /// <summary>The seed the committed state.json was generated with.</summary>
    public const ulong DefaultSeed = 20260115;

    /// <summary>How many customers the state holds.</summary>
    public const int CustomerCount = 60;

    /// <summary>The day the environment's frozen clock shows.</summary>
    public static DateOnly Today { get; } = new(2026, 1, 15);

    /// <summary>The state as a JSON object.</summary>
    public JsonObject Generate() => new StateBuilder(new DeterministicRandom(seed)).Build();

    /// <summary>The state as the committed file holds it: indented JSON, LF line ends, a final newline.</summary>
    public string GenerateJson()
    {
        var options = new JsonSerializerOptions
        {
            WriteIndented = true,
            IndentSize = 2,
            NewLine = "\n",
            Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        };
        return Generate().ToJsonString(options) + "\n";
    }
}
