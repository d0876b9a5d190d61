using Microsoft.Extensions.Configuration;
using Sparring.Abstractions.Trajectories;
using Sparring.Metering.Pricing;
using Sparring.Metering.Usage;

namespace Sparring.Metering.Tests;

public class PriceTableTests
{
    private static IConfiguration Settings(params (string Key, string Value)[] values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values.Select(v => new KeyValuePair<string, string?>(v.Key, v.Value))).Build();

    [Fact]
    public void A_document_prices_known_models_per_million_tokens_and_falls_back_to_the_trajectorys_cost()
    {
        var table = PriceTable.Parse("""{"platformFeePerEpisode": 0.002, "models": {"gpt-4o": {"inputPerMillion": 2.5, "outputPerMillion": 10}}}""", "prices.json");

        var known = table.Price(new ModelIdentity("azure", "GPT-4o"), new TokenCount(1_000_000, 100_000), recordedCost: 99m);
        var unknownWithCost = table.Price(new ModelIdentity("openai", "o3"), new TokenCount(10, 10), recordedCost: 0.5m);
        var unknownFree = table.Price(new ModelIdentity("reference", "reference"), new TokenCount(10, 10), recordedCost: 0);

        Assert.Equal(new ParticipantUsage("GPT-4o", 1_000_000, 100_000, 3.5m, CostBasis.PriceTable), known);
        Assert.Equal((0.5m, CostBasis.Trajectory), (unknownWithCost.CostUsd, unknownWithCost.CostBasis));
        Assert.Equal((0m, CostBasis.None), (unknownFree.CostUsd, unknownFree.CostBasis));
        Assert.Equal(0.002m, table.PlatformFeePerEpisode);
    }

    [Theory]
    [InlineData("""{"models": {"gpt-4o": {"inputPerMillion": "2.5", "outputPerMillion": 10}}}""", "$.models['gpt-4o'].inputPerMillion", "must be a number")]
    [InlineData("""{"models": {"gpt-4o": {"inputPerMillion": 2.5}}}""", "$.models['gpt-4o'].outputPerMillion", "is missing")]
    [InlineData("""{"models": {"gpt-4o": {"inputPerMillion": -1, "outputPerMillion": 1}}}""", "$.models['gpt-4o'].inputPerMillion", "must not be negative")]
    [InlineData("""{"models": {"gpt-4o": {"inputPerMilion": 1, "outputPerMillion": 1}}}""", "$.models['gpt-4o'].inputPerMilion", "is not a field")]
    [InlineData("""{"platformFee": 1}""", "$.platformFee", "is not a field")]
    [InlineData("""{"models": [1]}""", "$.models", "must be an object")]
    [InlineData("""{"models": {""", "$", "is not valid JSON")]
    public void A_bad_document_is_refused_naming_the_file_and_the_field(string json, string field, string problem)
    {
        var error = Assert.Throws<PriceTableException>(() => PriceTable.Parse(json, "prices.json"));

        Assert.Equal(field, error.Field);
        Assert.StartsWith($"prices.json: {field}: ", error.Message, StringComparison.Ordinal);
        Assert.Contains(problem, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Settings_give_the_engines_model_prices_and_the_platform_fee()
    {
        var table = PriceTable.FromConfiguration(Settings(
            ("Sparring:Pricing:gpt-4o-mini:InputPerMillion", "0.15"),
            ("Sparring:Pricing:gpt-4o-mini:OutputPerMillion", "0.60"),
            ("Sparring:Metering:PlatformFeePerEpisode", "0.001")));

        Assert.Equal(new ModelPrice(0.15m, 0.60m), table.Models["gpt-4o-mini"]);
        Assert.Equal(0.001m, table.PlatformFeePerEpisode);
    }

    [Theory]
    [InlineData("Sparring:Pricing:gpt-4o:InputPerMillion", "2,50", "'2,50' is not a number")]
    [InlineData("Sparring:Pricing:gpt-4o:InputPerMilion", "2.50", "is not a price setting")]
    [InlineData("Sparring:Metering:PlatformFeePerEpisode", "-0.1", "must not be negative")]
    public void Bad_settings_are_refused_naming_the_key(string key, string value, string problem)
    {
        var error = Assert.Throws<PriceTableException>(() => PriceTable.FromConfiguration(Settings((key, value))));

        Assert.Equal(key, error.Field);
        Assert.Contains(problem, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_price_table_file_in_the_settings_is_the_whole_table()
    {
        var path = Path.Combine(Directory.CreateTempSubdirectory("sparring-prices-").FullName, "prices.json");
        File.WriteAllText(path, """{"models": {"judge-model": {"inputPerMillion": 1, "outputPerMillion": 2}}}""");

        var table = PriceTable.FromConfiguration(Settings(("Sparring:Metering:PriceTableFile", path), ("Sparring:Pricing:gpt-4o:InputPerMillion", "2.5")));

        Assert.Equal(["judge-model"], table.Models.Keys);
    }
}
