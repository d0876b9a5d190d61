namespace Sparring.Samples.MedicalSupply;

/// <summary>A product the medical-supply company sells, as the generated state lists it.</summary>
/// <param name="Sku">Stock-keeping unit, the product's id.</param>
/// <param name="Name">Name customers and agents use.</param>
/// <param name="Category">device, accessory or consumable.</param>
/// <param name="Therapy">oxygen or cpap: which patients use it.</param>
/// <param name="Price">Unit price in US dollars.</param>
/// <param name="SingleUse">Whether it is a single-use (hygiene) item, returnable only unopened.</param>
/// <param name="DeviceType">For devices: oxygen_concentrator or cpap.</param>
/// <param name="SerialPrefix">For devices: the prefix of their serial numbers.</param>
public sealed record CatalogProduct(
    string Sku,
    string Name,
    string Category,
    string Therapy,
    decimal Price,
    bool SingleUse,
    string? DeviceType = null,
    string? SerialPrefix = null)
{
    /// <summary>Whether the product is a device (concentrator or CPAP machine).</summary>
    public bool IsDevice => DeviceType is not null;

    /// <summary>The products of the catalogue, in the order the state lists them.</summary>
    public static IReadOnlyList<CatalogProduct> All { get; } =
    [
        new("OC-5L", "Stationary Oxygen Concentrator 5L", "device", "oxygen", 1295.00m, false, "oxygen_concentrator", "OC5"),
        new("OC-POC", "Portable Oxygen Concentrator", "device", "oxygen", 2495.00m, false, "oxygen_concentrator", "POC"),
        new("BAT-POC", "Portable Concentrator Battery", "accessory", "oxygen", 349.00m, false),
        new("CAN-7FT", "Nasal Cannula 7ft (pack of 10)", "consumable", "oxygen", 24.99m, true),
        new("TUB-25FT", "Oxygen Supply Tubing 25ft", "consumable", "oxygen", 18.50m, true),
        new("FLT-OC", "Concentrator Intake Filters (pack of 2)", "consumable", "oxygen", 15.00m, true),
        new("HUM-BTL", "Oxygen Humidifier Bottle", "consumable", "oxygen", 9.75m, true),
        new("PULSE-OX", "Fingertip Pulse Oximeter", "accessory", "oxygen", 39.99m, false),
        new("CPAP-AS11", "AutoSet CPAP Machine", "device", "cpap", 899.00m, false, "cpap", "AS11"),
        new("CPAP-MINI", "Travel CPAP Mini", "device", "cpap", 749.00m, false, "cpap", "MINI"),
        new("MASK-FF", "CPAP Full Face Mask", "accessory", "cpap", 159.00m, false),
        new("MASK-NP", "CPAP Nasal Pillow Mask", "accessory", "cpap", 129.00m, false),
        new("CUSH-FF", "Full Face Mask Cushion", "consumable", "cpap", 39.00m, true),
        new("FLT-CPAP", "CPAP Disposable Filters (pack of 6)", "consumable", "cpap", 12.99m, true),
        new("TUBE-CPAP", "CPAP Heated Tubing", "accessory", "cpap", 49.00m, false),
        new("WATER-CH", "Humidifier Water Chamber", "accessory", "cpap", 29.00m, false),
        new("WIPES", "CPAP Mask Wipes (62 count)", "consumable", "cpap", 14.99m, true),
    ];
}
