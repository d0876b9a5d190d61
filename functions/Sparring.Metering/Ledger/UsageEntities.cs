using System.Globalization;
using Azure.Data.Tables;
using Sparring.Metering.Usage;

namespace Sparring.Metering.Ledger;

/// <summary>
/// A usage record as a Table entity and back. Amounts are stored as invariant decimal strings, because Table has no
/// decimal type and doubles would not add up to the cent over a month.
/// </summary>
internal static class UsageEntities
{
    public const string SchemaVersion = "1";

    public static TableEntity ToEntity(UsageRecord record)
    {
        var entity = new TableEntity(UsageKeys.Partition(record.Tenant, record.FinishedAt), UsageKeys.Row(record.RunId, record.EpisodeId))
        {
            ["SchemaVersion"] = SchemaVersion,
            ["Tenant"] = record.Tenant,
            ["RunId"] = record.RunId,
            ["EpisodeId"] = record.EpisodeId,
            ["ScenarioId"] = record.ScenarioId,
            ["FinishedAt"] = record.FinishedAt.ToUniversalTime(),
            ["TokensEstimated"] = record.TokensEstimated,
            ["ToolCalls"] = record.ToolCalls,
            ["DurationMs"] = record.DurationMs,
            ["PlatformFeeUsd"] = Amount(record.PlatformFeeUsd),
            ["CostUsd"] = Amount(record.CostUsd),
        };
        Write(entity, "Policy", record.Policy);
        Write(entity, "User", record.User);
        Write(entity, "Judge", record.Judge);
        return entity;
    }

    public static UsageRecord FromEntity(TableEntity entity) => new()
    {
        Tenant = Required(entity, "Tenant"),
        RunId = Required(entity, "RunId"),
        EpisodeId = Required(entity, "EpisodeId"),
        ScenarioId = Required(entity, "ScenarioId"),
        FinishedAt = entity.GetDateTimeOffset("FinishedAt") ?? throw Missing(entity, "FinishedAt"),
        Policy = Read(entity, "Policy"),
        User = Read(entity, "User"),
        Judge = Read(entity, "Judge"),
        TokensEstimated = entity.GetBoolean("TokensEstimated") ?? false,
        ToolCalls = entity.GetInt32("ToolCalls") ?? 0,
        DurationMs = entity.GetDouble("DurationMs") ?? 0,
        PlatformFeeUsd = ParseAmount(entity, "PlatformFeeUsd"),
    };

    private static void Write(TableEntity entity, string prefix, ParticipantUsage usage)
    {
        entity[$"{prefix}Model"] = usage.Model;
        entity[$"{prefix}InputTokens"] = usage.InputTokens;
        entity[$"{prefix}OutputTokens"] = usage.OutputTokens;
        entity[$"{prefix}CostUsd"] = Amount(usage.CostUsd);
        entity[$"{prefix}CostBasis"] = usage.CostBasis.ToString();
    }

    private static ParticipantUsage Read(TableEntity entity, string prefix) => new(
        entity.GetString($"{prefix}Model") ?? string.Empty,
        entity.GetInt64($"{prefix}InputTokens") ?? 0,
        entity.GetInt64($"{prefix}OutputTokens") ?? 0,
        ParseAmount(entity, $"{prefix}CostUsd"),
        Enum.TryParse<CostBasis>(entity.GetString($"{prefix}CostBasis"), out var basis) ? basis : CostBasis.None);

    private static string Amount(decimal amount) => amount.ToString(CultureInfo.InvariantCulture);

    private static decimal ParseAmount(TableEntity entity, string name) =>
        entity.GetString(name) is { } text
            ? decimal.Parse(text, NumberStyles.Number, CultureInfo.InvariantCulture)
            : 0m;

    private static string Required(TableEntity entity, string name) => entity.GetString(name) ?? throw Missing(entity, name);

    private static InvalidDataException Missing(TableEntity entity, string name) =>
        new($"Usage row {entity.PartitionKey}/{entity.RowKey} has no {name}.");
}
