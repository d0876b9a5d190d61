using System.Text.Json;
using Sparring.Abstractions.Storage;
using Sparring.Models;
using Sparring.Orchestration.Contracts;

namespace Sparring.Functions.Http;

/// <summary>
/// Turns the body of <c>POST /api/runs</c> into an <see cref="EvaluationRunRequest"/>, or into the list of everything
/// wrong with it. The rules are those the run would otherwise fail on later: storage names (<see cref="StorageSegment"/>),
/// the model names the Function App's catalog resolves (<see cref="ModelNames"/>; it has no host policies such as
/// checkpoint: and no reward model loader), ranges.
/// </summary>
internal static class StartRunParser
{
    public const int MaxEpisodesPerScenario = 1000;

    public const int MaxConcurrency = 1024;

    public const int MaxScenarios = 10_000;

    private const int DefaultConcurrency = 16;

    // The Function App's catalog has no reward model loader (and a folder on its machine would mean nothing to a caller).
    private const bool RewardModels = false;

    /// <summary>
    /// The request of <paramref name="tenant"/> (the authenticated caller's), or null with <paramref name="errors"/>
    /// saying why. A <c>tenant</c> field is optional; the caller checks it names the same tenant before.
    /// </summary>
    public static EvaluationRunRequest? Parse(JsonElement body, string tenant, Func<string> newRunId, ValidationErrors errors)
    {
        if (body.ValueKind != JsonValueKind.Object)
        {
            errors.Add("body", "must be a JSON object");
            return null;
        }

        var fields = new JsonFieldReader(body, string.Empty, errors);
        fields.String("tenant");
        var runId = Check(fields, "runId", fields.String("runId"), StorageSegment.IsValid, StorageSegment.Rule);
        var environment = ReadEnvironment(fields);
        var policy = Check(fields, "policy", fields.String("policy", required: true), ModelNames.IsPolicy, ModelNames.Describe(ModelNames.PolicyForms));
        var user = Check(fields, "user", fields.String("user"), ModelNames.IsUser, ModelNames.Describe(ModelNames.UserForms));
        var judge = Check(fields, "judge", fields.String("judge"), name => ModelNames.IsJudge(name, RewardModels), ModelNames.Describe(ModelNames.JudgeForms(RewardModels)));
        var split = Check(fields, "split", fields.String("split"), s => s is "train" or "test" or "all", "must be train, test or all");
        var scenarios = ReadScenarios(fields);
        var episodesPerScenario = fields.Integer("episodesPerScenario", 1, MaxEpisodesPerScenario);
        var seed = fields.Long("seed");
        var concurrency = fields.Integer("concurrency", 1, MaxConcurrency);
        var sampling = ReadSampling(fields);
        fields.RejectUnknownFields();

        if (errors.Count > 0 || environment is null || policy is null)
        {
            return null;
        }

        return new EvaluationRunRequest
        {
            RunId = runId ?? newRunId(),
            Tenant = tenant,
            Environment = environment,
            Models = new ModelSelection(policy, user ?? ModelNames.Scripted, judge),
            Split = split is "all" ? null : split,
            Scenarios = scenarios,
            EpisodesPerScenario = episodesPerScenario ?? 1,
            Seed = seed ?? 0,
            Concurrency = concurrency ?? DefaultConcurrency,
            Sampling = sampling ?? new RejectionSamplingOptions(),
        };
    }

    private static EnvironmentReference? ReadEnvironment(JsonFieldReader fields)
    {
        if (fields.Object("environment", required: true) is not { } environment)
        {
            return null;
        }

        // A path names a folder on the machine that runs the activity: meaningful to the CLI, not to a shared app.
        if (environment.String("path") is not null)
        {
            environment.Error("path", "is not accepted by the Function App: upload the environment for the tenant and give its name and version");
        }

        var name = Check(environment, "name", environment.String("name", required: true), StorageSegment.IsValid, StorageSegment.Rule);
        var version = Check(environment, "version", environment.String("version", required: true), StorageSegment.IsValid, StorageSegment.Rule);
        environment.RejectUnknownFields();
        return name is null || version is null ? null : new EnvironmentReference(Name: name, Version: version);
    }

    private static IReadOnlyList<string>? ReadScenarios(JsonFieldReader fields)
    {
        if (fields.Strings("scenarios", MaxScenarios) is not { } scenarios)
        {
            return null;
        }

        if (scenarios.Count == 0)
        {
            fields.Error("scenarios", "must name at least one scenario when given (leave it out for all)");
        }

        var duplicates = scenarios.GroupBy(s => s, StringComparer.Ordinal).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        if (duplicates.Count > 0)
        {
            fields.Error("scenarios", $"names {string.Join(", ", duplicates.Select(d => $"'{d}'"))} more than once");
        }

        return scenarios;
    }

    private static RejectionSamplingOptions? ReadSampling(JsonFieldReader fields)
    {
        if (fields.Object("sampling") is not { } sampling)
        {
            return null;
        }

        var defaults = new RejectionSamplingOptions();
        var minReward = sampling.Number("minReward", 0, 1);
        var topK = sampling.Integer("topKPerScenario", 1, int.MaxValue);
        sampling.RejectUnknownFields();
        return new RejectionSamplingOptions(minReward ?? defaults.MinReward, topK ?? defaults.TopKPerScenario);
    }

    private static string? Check(JsonFieldReader fields, string name, string? value, Func<string, bool> isValid, string rule)
    {
        if (value is null || isValid(value))
        {
            return value;
        }

        fields.Error(name, rule.StartsWith("must", StringComparison.Ordinal) ? rule : $"must be {rule}");
        return null;
    }
}
