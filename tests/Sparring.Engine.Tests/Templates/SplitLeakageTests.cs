using Sparring.Engine.Environments;
using Sparring.Engine.Tests.Environments;

namespace Sparring.Engine.Tests.Templates;

/// <summary>No leakage by construction: a test scenario never shares its split key with what training sees.</summary>
public sealed class SplitLeakageTests : IDisposable
{
    // Picks customers by index, whatever their split: test instances meet train ones and the transcripts' customers.
    private const string Careless = """
        // Ignores ctx.splitOf: the first customers, in both splits.
        function generate(state, request, ctx) {
          const customerId = Object.keys(state.customers).sort()[request.index + 6];
          return {
            key: customerId,
            scenario: {
              persona: { reasonForCall: `Where are the orders of ${customerId}?` },
              expected: { outputs: [state.customers[customerId].name] },
            },
          };
        }
        """;

    private readonly SpecFolder _folder = TemplatedShop.Copy(cancelTrain: 3, cancelTest: 1, statusTrain: 0, statusTest: 0);

    public void Dispose() => _folder.Dispose();

    private async Task<IReadOnlyList<SpecError>> ErrorsAsync()
    {
        var exception = await Assert.ThrowsAsync<EnvironmentSpecException>(() => new EnvironmentLoader().LoadAsync(_folder.Path));
        return exception.Errors;
    }

    private void UseCarelessTemplate(int train, int test)
    {
        File.WriteAllText(_folder.FilePath("templates/order-status.js"), Careless);
        _folder.Write(ValidSpec.Replace(_folder.Spec(), "instances: { train: 0, test: 0 }", $"instances: {{ train: {train}, test: {test} }}"));
    }

    [Fact]
    public async Task A_test_instance_sharing_a_customer_with_a_train_instance_is_refused_naming_both()
    {
        UseCarelessTemplate(train: 3, test: 1);
        File.WriteAllText(_folder.FilePath("transcripts/sft.jsonl"), string.Empty);

        var errors = await ErrorsAsync();

        var yaml = _folder.Spec();
        var error = Assert.Single(errors);
        Assert.Equal((_folder.SpecPath, ValidSpec.LineOf(yaml, "- name: order-status"), "$.scenarioTemplates[1]"), (error.File, error.Line, error.JsonPath));
        Assert.Equal("test instance 'order-status.test.0' shares customer_id 'CUS-0007' with train instance 'order-status.train.0'", error.Message);
    }

    [Fact]
    public async Task A_test_instance_sharing_a_customer_with_an_SFT_transcript_is_refused_naming_the_transcript_line()
    {
        UseCarelessTemplate(train: 0, test: 1);

        var error = Assert.Single(await ErrorsAsync());

        Assert.Equal($"test instance 'order-status.test.0' shares customer_id 'CUS-0007' with SFT transcript {_folder.FilePath("transcripts/sft.jsonl")}:1", error.Message);
    }

    [Fact]
    public async Task Transcript_files_named_by_the_split_key_replace_the_default_folder()
    {
        UseCarelessTemplate(train: 0, test: 1);
        _folder.Write(
            ValidSpec.Replace(_folder.Spec(), "  testPercent: 25", "  testPercent: 25\n  transcriptFiles: [other.jsonl]"),
            ("other.jsonl", "{\"messages\": [], \"metadata\": {\"customer_id\": [\"CUS-0001\", \"CUS-0007\"]}}\n"));

        var error = Assert.Single(await ErrorsAsync());

        Assert.EndsWith($"with SFT transcript {_folder.FilePath("other.jsonl")}:1", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_transcript_line_that_is_not_JSON_is_a_mistake_at_its_line()
    {
        File.AppendAllText(_folder.FilePath("transcripts/sft.jsonl"), "{\"metadata\": oops}\n");

        var error = Assert.Single(await ErrorsAsync());

        Assert.Equal((_folder.FilePath("transcripts/sft.jsonl"), 41), (error.File, error.Line));
        Assert.StartsWith("not valid JSON", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_test_scenario_written_by_hand_may_not_share_its_key_with_a_train_one()
    {
        _folder.Write(ValidSpec.Replace(_folder.Spec(), "key: CUS-0002", "key: CUS-0001"));

        var error = Assert.Single(await ErrorsAsync());

        Assert.Equal("$.scenarios[1].key", error.JsonPath);
        Assert.Equal("test scenario 'lost-parcel' shares customer_id 'CUS-0001' with train scenario 'refund-dispute'", error.Message);
    }

    [Fact]
    public async Task Many_leaking_instances_are_listed_five_and_counted()
    {
        UseCarelessTemplate(train: 0, test: 40);
        File.WriteAllText(_folder.FilePath("transcripts/sft.jsonl"), string.Join("\n", Enumerable.Range(7, 40).Select(i => $"{{\"messages\": [], \"metadata\": {{\"customer_id\": \"CUS-{i:0000}\"}}}}")));

        var errors = await ErrorsAsync();

        Assert.Equal(6, errors.Count);
        Assert.Contains(errors, e => e.Message.StartsWith("template 'order-status': 35 more test instances share a customer_id with the train split", StringComparison.Ordinal));
    }
}
