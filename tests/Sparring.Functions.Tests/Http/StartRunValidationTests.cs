using Sparring.Functions.Tests.Access;

namespace Sparring.Functions.Tests.Http;

public class StartRunValidationTests
{
    private const string Valid = """{ "tenant": "contoso", "runId": "r1", "environment": { "name": "env", "version": "1" }, "policy": "reference" }""";

    private readonly TenantApp _app = new();

    private DurableClientFake _durable => _app.Durable;

    private async Task<WrittenResponse> PostAsync(string body)
    {
        var request = _app.Request("POST", "/api/runs", body);
        var result = await _app.StartRun().StartRunAsync(request, _durable.Client, CancellationToken.None);
        var response = await HttpTestContext.ExecuteAsync(result, request);
        if (response.StatusCode == 400)
        {
            Assert.Empty(_durable.Scheduled);
            Assert.StartsWith("application/problem+json", response.ContentType, StringComparison.Ordinal);
        }

        return response;
    }

    /// <summary>The valid body with one field replaced (or added) by raw JSON.</summary>
    private static string With(string field, string json)
    {
        var fields = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["tenant"] = "\"contoso\"",
            ["runId"] = "\"r1\"",
            ["environment"] = """{ "name": "env", "version": "1" }""",
            ["policy"] = "\"reference\"",
        };
        fields[field] = json;
        return "{" + string.Join(", ", fields.Where(f => f.Value.Length > 0).Select(f => $"\"{f.Key}\": {f.Value}")) + "}";
    }

    [Fact]
    public async Task The_valid_body_is_accepted()
    {
        Assert.Equal(202, (await PostAsync(Valid)).StatusCode);
    }

    [Theory]
    [InlineData("tenant", "42", "tenant", "must be a string")]
    [InlineData("runId", "\"a/b\"", "runId", "letters, digits")]
    [InlineData("runId", "\"a..b\"", "runId", "without '..'")]
    [InlineData("runId", "\"run:batch:0\"", "runId", "letters, digits")]
    [InlineData("runId", "\"\"", "runId", "must not be empty")]
    [InlineData("environment", "", "environment", "is required")]
    [InlineData("environment", "\"env@1\"", "environment", "must be an object")]
    [InlineData("environment", """{ "version": "1" }""", "environment.name", "is required")]
    [InlineData("environment", """{ "name": "env" }""", "environment.version", "is required")]
    [InlineData("environment", """{ "name": "../x", "version": "1" }""", "environment.name", "letters, digits")]
    [InlineData("environment", """{ "name": "env", "version": "1", "path": "/srv/env" }""", "environment.path", "name and version")]
    [InlineData("environment", """{ "name": "env", "version": "1", "label": "x" }""", "environment.label", "not a known field")]
    [InlineData("policy", "", "policy", "is required")]
    [InlineData("policy", "\"gpt-4o\"", "policy", "reference, random, openai:")]
    [InlineData("policy", "\"openai:\"", "policy", "reference, random, openai:")]
    [InlineData("user", "\"human\"", "user", "scripted, llm or llm:")]
    [InlineData("judge", "\"openai:\"", "judge", "none,")]
    [InlineData("judge", "\"two words\"", "judge", "none,")]
    [InlineData("split", "\"validation\"", "split", "train, test or all")]
    [InlineData("scenarios", "\"s1\"", "scenarios", "array of strings")]
    [InlineData("scenarios", "[]", "scenarios", "at least one scenario")]
    [InlineData("scenarios", """["s1", 2]""", "scenarios[1]", "non-empty string")]
    [InlineData("scenarios", """["s1", "s1"]""", "scenarios", "'s1' more than once")]
    [InlineData("episodesPerScenario", "0", "episodesPerScenario", "integer from 1 to 1000")]
    [InlineData("episodesPerScenario", "1001", "episodesPerScenario", "integer from 1 to 1000")]
    [InlineData("episodesPerScenario", "2.5", "episodesPerScenario", "integer from 1 to 1000")]
    [InlineData("episodesPerScenario", "\"4\"", "episodesPerScenario", "integer from 1 to 1000")]
    [InlineData("seed", "1e30", "seed", "64-bit integer")]
    [InlineData("concurrency", "0", "concurrency", "integer from 1 to 1024")]
    [InlineData("concurrency", "1025", "concurrency", "integer from 1 to 1024")]
    [InlineData("sampling", "0.5", "sampling", "must be an object")]
    [InlineData("sampling", """{ "minReward": 1.5 }""", "sampling.minReward", "number from 0 to 1")]
    [InlineData("sampling", """{ "minReward": -0.1 }""", "sampling.minReward", "number from 0 to 1")]
    [InlineData("sampling", """{ "topKPerScenario": 0 }""", "sampling.topKPerScenario", "integer from 1 to")]
    [InlineData("sampling", """{ "topK": 3 }""", "sampling.topK", "not a known field")]
    [InlineData("episodes_per_scenario", "3", "episodes_per_scenario", "not a known field")]
    public async Task A_wrong_field_is_a_400_naming_that_field_and_what_it_must_be(string field, string json, string errorField, string message)
    {
        var response = await PostAsync(With(field, json));

        Assert.Equal(400, response.StatusCode);
        Assert.Equal([errorField], response.ErrorFields);
        Assert.Contains(response.ErrorsOf(errorField), m => m.Contains(message, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Every_wrong_field_is_listed_at_once()
    {
        const string body = """
            {
              "tenant": 7,
              "runId": "a/b",
              "environment": { "name": "env" },
              "policy": "gpt-4o",
              "episodesPerScenario": 0,
              "concurrency": 5000,
              "sampling": { "minReward": 2 },
              "colour": "blue"
            }
            """;

        var response = await PostAsync(body);

        Assert.Equal(400, response.StatusCode);
        Assert.Equal(
            ["tenant", "runId", "environment.version", "policy", "episodesPerScenario", "concurrency", "sampling.minReward", "colour"],
            response.ErrorFields);
        Assert.Equal("The run request is not valid.", response.Body.GetProperty("title").GetString());
        Assert.Equal(400, response.Body.GetProperty("status").GetInt32());
    }

    [Theory]
    [InlineData("{ \"tenant\": \"contoso\",\n  \"policy\": }", 2, 13)]
    [InlineData("{ \"tenant\": \"contoso\" ", 1, 23)]
    [InlineData("{ 'tenant': 1 }", 1, 3)]
    public async Task Malformed_JSON_is_a_400_naming_the_line_and_position(string body, int line, int position)
    {
        var response = await PostAsync(body);

        Assert.Equal(400, response.StatusCode);
        Assert.Equal("The request body is not valid JSON.", response.Body.GetProperty("title").GetString());
        var message = Assert.Single(response.ErrorsOf("body"));
        Assert.StartsWith($"is not valid JSON at line {line}, position {position}: ", message, StringComparison.Ordinal);
        Assert.DoesNotContain("LineNumber", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_empty_body_is_a_400()
    {
        var response = await PostAsync(string.Empty);

        Assert.Equal(400, response.StatusCode);
        Assert.StartsWith("is not valid JSON at line 1, position 1", Assert.Single(response.ErrorsOf("body")), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("[]")]
    [InlineData("\"run\"")]
    [InlineData("null")]
    public async Task A_body_that_is_not_an_object_is_a_400(string body)
    {
        var response = await PostAsync(body);

        Assert.Equal(400, response.StatusCode);
        Assert.Equal(["must be a JSON object"], response.ErrorsOf("body"));
    }

    [Theory]
    [InlineData("\"reference\"")]
    [InlineData("\"random\"")]
    [InlineData("\"openai:gpt-4o-mini\"")]
    [InlineData("\"served:support-policy@nightly-20261127\"")]
    public async Task Every_policy_form_the_model_catalog_resolves_is_accepted(string policy)
    {
        Assert.Equal(202, (await PostAsync(With("policy", policy))).StatusCode);
    }

    [Theory]
    [InlineData("policy", "\"checkpoint:models/support\"", "reference, random, openai:<deployment-or-model> or served:<name@version>")]
    [InlineData("policy", "\"live:t1-rollout\"", "reference, random, openai:<deployment-or-model> or served:<name@version>")]
    [InlineData("policy", "\"served:\"", "reference, random, openai:<deployment-or-model> or served:<name@version>")]
    [InlineData("judge", "\"reward-model:models/rm\"", "none, <deployment-or-model> or openai:<deployment-or-model>")]
    public async Task Forms_only_other_hosts_resolve_are_refused(string field, string value, string rule)
    {
        var response = await PostAsync(With(field, value));

        Assert.Equal(400, response.StatusCode);
        Assert.Equal(["must be " + rule], response.ErrorsOf(field));
    }

    [Theory]
    [InlineData("user", "\"scripted\"")]
    [InlineData("user", "\"llm\"")]
    [InlineData("user", "\"llm:gpt-4o\"")]
    [InlineData("judge", "\"none\"")]
    [InlineData("judge", "\"gpt-4o\"")]
    [InlineData("judge", "\"openai:gpt-4o\"")]
    public async Task Every_user_and_judge_form_the_model_catalog_resolves_is_accepted(string field, string value)
    {
        Assert.Equal(202, (await PostAsync(With(field, value))).StatusCode);
    }
}
