using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Configuration;
using Sparring.Abstractions.Trajectories;
using Sparring.Metering.Usage;

namespace Sparring.Metering.Pricing;

/// <summary>
/// What billing charges: US dollars per million input and output tokens for each model (by name), and a platform fee
/// per episode. A model the table does not know is charged the cost its trajectory recorded, or 0, and the record says which.
/// </summary>
public sealed class PriceTable
{
    /// <summary>The settings section of model prices, shared with the engine's own cost estimates: <c>Sparring:Pricing:&lt;model&gt;:InputPerMillion</c>.</summary>
    public const string PricingSection = "Sparring:Pricing";

    /// <summary>The settings section of metering: <c>PlatformFeePerEpisode</c> and <c>PriceTableFile</c>.</summary>
    public const string MeteringSection = "Sparring:Metering";

    private readonly Dictionary<string, ModelPrice> _models;

    /// <summary>A table of <paramref name="models"/> by name (case-insensitive) and a fee per episode.</summary>
    public PriceTable(IReadOnlyDictionary<string, ModelPrice> models, decimal platformFeePerEpisode = 0)
    {
        ArgumentNullException.ThrowIfNull(models);
        ArgumentOutOfRangeException.ThrowIfNegative(platformFeePerEpisode);
        _models = new Dictionary<string, ModelPrice>(models, StringComparer.OrdinalIgnoreCase);
        PlatformFeePerEpisode = platformFeePerEpisode;
    }

    /// <summary>No prices and no fee: every cost is the trajectory's own.</summary>
    public static PriceTable Empty { get; } = new(new Dictionary<string, ModelPrice>());

    /// <summary>Prices by model name.</summary>
    public IReadOnlyDictionary<string, ModelPrice> Models => _models;

    /// <summary>US dollars charged per finished episode on top of its tokens.</summary>
    public decimal PlatformFeePerEpisode { get; }

    /// <summary>
    /// The usage of <paramref name="model"/> for <paramref name="tokens"/>: priced from the table when it knows the model
    /// (by name, else by kind:name), otherwise <paramref name="recordedCost"/>.
    /// </summary>
    public ParticipantUsage Price(ModelIdentity? model, TokenCount tokens, decimal recordedCost)
    {
        ArgumentNullException.ThrowIfNull(tokens);
        var name = model?.Name ?? string.Empty;
        if (model is not null && (_models.TryGetValue(model.Name, out var price) || _models.TryGetValue(model.ToString(), out price)))
        {
            var cost = ((tokens.Input * price.InputPerMillion) + (tokens.Output * price.OutputPerMillion)) / 1_000_000m;
            return new ParticipantUsage(name, tokens.Input, tokens.Output, cost, CostBasis.PriceTable);
        }

        return new ParticipantUsage(name, tokens.Input, tokens.Output, recordedCost, recordedCost == 0 ? CostBasis.None : CostBasis.Trajectory);
    }

    /// <summary>
    /// Reads a price table document: <c>{"platformFeePerEpisode": 0.002, "models": {"gpt-4o": {"inputPerMillion": 2.5, "outputPerMillion": 10}}}</c>.
    /// Unknown fields, non-numbers and negative prices are errors naming <paramref name="source"/> and the JSON path.
    /// </summary>
    public static PriceTable Parse(string json, string source)
    {
        ArgumentNullException.ThrowIfNull(json);
        ArgumentNullException.ThrowIfNull(source);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json);
        }
        catch (JsonException ex)
        {
            throw new PriceTableException(source, "$", $"is not valid JSON at line {(ex.LineNumber ?? 0) + 1}, position {(ex.BytePositionInLine ?? 0) + 1}.", ex);
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw new PriceTableException(source, "$", "must be an object with models and platformFeePerEpisode.");
            }

            var models = new Dictionary<string, ModelPrice>(StringComparer.OrdinalIgnoreCase);
            var fee = 0m;
            foreach (var property in root.EnumerateObject())
            {
                switch (property.Name)
                {
                    case "platformFeePerEpisode":
                        fee = Amount(property.Value, source, "$.platformFeePerEpisode");
                        break;
                    case "models":
                        ReadModels(property.Value, source, models);
                        break;
                    default:
                        throw new PriceTableException(source, $"$.{property.Name}", "is not a field of a price table (models, platformFeePerEpisode).");
                }
            }

            return new PriceTable(models, fee);
        }
    }

    /// <summary>Reads the price table file at <paramref name="path"/> (see <see cref="Parse"/>).</summary>
    public static PriceTable Load(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        string json;
        try
        {
            json = File.ReadAllText(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new PriceTableException(path, "$", $"cannot be read: {ex.Message}", ex);
        }

        return Parse(json, path);
    }

    /// <summary>
    /// The price table of the settings: model prices from <c>Sparring:Pricing:&lt;model&gt;:InputPerMillion</c> /
    /// <c>OutputPerMillion</c> (the same prices the engine uses), the fee from <c>Sparring:Metering:PlatformFeePerEpisode</c>,
    /// or, when <c>Sparring:Metering:PriceTableFile</c> names a JSON file, that file alone (see <see cref="Parse"/>).
    /// </summary>
    public static PriceTable FromConfiguration(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var metering = configuration.GetSection(MeteringSection);
        if (metering["PriceTableFile"] is { Length: > 0 } file)
        {
            return Load(file);
        }

        var models = new Dictionary<string, ModelPrice>(StringComparer.OrdinalIgnoreCase);
        foreach (var model in configuration.GetSection(PricingSection).GetChildren())
        {
            decimal input = 0, output = 0;
            foreach (var field in model.GetChildren())
            {
                var key = $"{PricingSection}:{model.Key}:{field.Key}";
                switch (field.Key.ToUpperInvariant())
                {
                    case "INPUTPERMILLION":
                        input = Amount(field.Value, "settings", key);
                        break;
                    case "OUTPUTPERMILLION":
                        output = Amount(field.Value, "settings", key);
                        break;
                    default:
                        throw new PriceTableException("settings", key, "is not a price setting (InputPerMillion, OutputPerMillion).");
                }
            }

            models[model.Key] = new ModelPrice(input, output);
        }

        var fee = metering["PlatformFeePerEpisode"] is { Length: > 0 } text ? Amount(text, "settings", $"{MeteringSection}:PlatformFeePerEpisode") : 0m;
        return new PriceTable(models, fee);
    }

    private static void ReadModels(JsonElement element, string source, Dictionary<string, ModelPrice> models)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            throw new PriceTableException(source, "$.models", "must be an object of model name → {inputPerMillion, outputPerMillion}.");
        }

        foreach (var model in element.EnumerateObject())
        {
            var path = $"$.models['{model.Name}']";
            if (model.Value.ValueKind != JsonValueKind.Object)
            {
                throw new PriceTableException(source, path, "must be an object with inputPerMillion and outputPerMillion.");
            }

            decimal? input = null, output = null;
            foreach (var field in model.Value.EnumerateObject())
            {
                switch (field.Name)
                {
                    case "inputPerMillion":
                        input = Amount(field.Value, source, $"{path}.inputPerMillion");
                        break;
                    case "outputPerMillion":
                        output = Amount(field.Value, source, $"{path}.outputPerMillion");
                        break;
                    default:
                        throw new PriceTableException(source, $"{path}.{field.Name}", "is not a field of a model price (inputPerMillion, outputPerMillion).");
                }
            }

            models[model.Name] = new ModelPrice(
                input ?? throw new PriceTableException(source, $"{path}.inputPerMillion", "is missing: US dollars per million input tokens."),
                output ?? throw new PriceTableException(source, $"{path}.outputPerMillion", "is missing: US dollars per million output tokens."));
        }
    }

    private static decimal Amount(JsonElement value, string source, string path)
    {
        if (value.ValueKind != JsonValueKind.Number || !value.TryGetDecimal(out var amount))
        {
            throw new PriceTableException(source, path, $"must be a number of US dollars, not {value.GetRawText()}.");
        }

        return amount >= 0 ? amount : throw new PriceTableException(source, path, $"must not be negative ({amount.ToString(CultureInfo.InvariantCulture)}).");
    }

    private static decimal Amount(string? text, string source, string key)
    {
        // No thousands separators: "2,50" is a mistake, not 250.
        if (!decimal.TryParse(text, NumberStyles.AllowDecimalPoint | NumberStyles.AllowLeadingSign | NumberStyles.AllowLeadingWhite | NumberStyles.AllowTrailingWhite, CultureInfo.InvariantCulture, out var amount))
        {
            throw new PriceTableException(source, key, $"'{text}' is not a number of US dollars (write 2.50).");
        }

        return amount >= 0 ? amount : throw new PriceTableException(source, key, $"must not be negative ({text}).");
    }
}
