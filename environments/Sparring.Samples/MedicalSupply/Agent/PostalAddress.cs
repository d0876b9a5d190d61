using System.Text.Json.Nodes;

namespace Sparring.Samples.MedicalSupply.Agent;

/// <summary>A delivery address as the caller gave it.</summary>
/// <param name="Line1">House number and street, or a P.O. box.</param>
/// <param name="Line2">Apartment or unit, if any.</param>
/// <param name="City">City.</param>
/// <param name="State">Two-letter state code.</param>
/// <param name="Zip">Five-digit zip code.</param>
internal sealed record PostalAddress(string Line1, string? Line2, string City, string State, string Zip)
{
    /// <summary>The address as the change_delivery_address tool takes it.</summary>
    public JsonObject ToJson()
    {
        var address = new JsonObject { ["line1"] = Line1 };
        if (Line2 is not null)
        {
            address["line2"] = Line2;
        }

        address["city"] = City;
        address["state"] = State;
        address["zip"] = Zip;
        return address;
    }

    /// <inheritdoc />
    public override string ToString() => $"{Line1}{(Line2 is null ? string.Empty : ", " + Line2)}, {City}, {State} {Zip}";
}
