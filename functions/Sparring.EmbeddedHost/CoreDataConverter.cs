using DurableTask.Core.Serializing;

namespace Sparring.EmbeddedHost;

/// <summary>
/// Lets DurableTask.Core's client serialize as the Microsoft.DurableTask shims do (System.Text.Json), instead of
/// its default Newtonsoft with type names; otherwise inputs and outputs would not round-trip between them.
/// </summary>
internal sealed class CoreDataConverter(Microsoft.DurableTask.DataConverter inner) : DataConverter
{
    public override string Serialize(object value) => inner.Serialize(value) ?? "null";

    public override string Serialize(object value, bool formatted) => Serialize(value);

    public override object Deserialize(string data, Type objectType) => inner.Deserialize(data, objectType)!;
}
