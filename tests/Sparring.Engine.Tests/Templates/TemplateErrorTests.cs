using Sparring.Engine.Environments;
using Sparring.Engine.Tests.Environments;

namespace Sparring.Engine.Tests.Templates;

/// <summary>What an author reads when a template is wrong: located, naming the instance, never a crash or a hang.</summary>
public sealed class TemplateErrorTests : IDisposable
{
    private const string SmallSandbox = "limits:\n  sandbox: { timeoutMs: 2000, maxStatements: 100000, maxMemoryBytes: 4000000 }\n";

    private readonly SpecFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private async Task<IReadOnlyList<SpecError>> ErrorsAsync(string yaml, params (string Name, string Content)[] files)
    {
        _folder.Write(yaml, files);
        var exception = await Assert.ThrowsAsync<EnvironmentSpecException>(() => _folder.LoadAsync());
        return exception.Errors;
    }

    [Fact]
    public async Task A_generator_that_throws_names_template_split_index_and_the_JavaScript_error_at_its_line()
    {
        var generator = """
            function generate(state, request, ctx) {
              if (request.split === 'test') throw new Error('no customer left for ' + request.index);
              return { key: 'k' + request.index, scenario: { persona: { reasonForCall: 'hello' }, expected: {} } };
            }
            """;
        var yaml = TemplateSpec.With(generator, train: 2, test: 1);

        var error = Assert.Single(await ErrorsAsync(yaml));

        Assert.Equal(_folder.SpecPath, error.File);
        Assert.Equal(ValidSpec.LineOf(yaml, "no customer left for"), error.Line);
        Assert.Equal("$.scenarioTemplates[0].generator", error.JsonPath);
        Assert.Contains("template 'gen', test instance 0 ('gen.test.0'): the generator failed: Error: no customer left for 0", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_generator_in_a_file_is_located_in_that_file()
    {
        var yaml = ValidSpec.Yaml + "\nscenarioTemplates:\n  - name: filed\n    generatorFile: templates/filed.js\n    instances: { train: 1 }\n";
        var generator = "function generate(state, request, ctx) {\n  return state.nothing.here;\n}\n";

        var error = Assert.Single(await ErrorsAsync(yaml, ("templates/filed.js", generator)));

        Assert.Equal(_folder.FilePath("templates/filed.js"), error.File);
        Assert.Equal(2, error.Line);
        Assert.Contains("'filed.train.0'): the generator failed: TypeError", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_generator_that_loops_forever_ends_at_the_statement_limit_and_stops_after_five_failures()
    {
        var generator = "function generate() {\n  for (;;) {}\n}\n";

        var errors = await ErrorsAsync(TemplateSpec.With(generator, train: 100, test: 0, extra: SmallSandbox));

        Assert.Equal(6, errors.Count);
        Assert.Equal(5, errors.Count(e => e.Message.Contains("the generator exceeded its statement limit (100,000 statements per call)", StringComparison.Ordinal)));
        Assert.Contains(errors, e => e.Message == "template 'gen': 95 more instances failed or were not made; only the first 5 failures are listed");
    }

    [Fact]
    public async Task A_generator_that_allocates_without_bound_ends_at_the_memory_limit()
    {
        var generator = "function generate() {\n  const a = [];\n  for (;;) { a.push('x'.repeat(1000)); }\n}\n";

        var errors = await ErrorsAsync(TemplateSpec.With(generator, train: 1, test: 0, extra: SmallSandbox.Replace("maxStatements: 100000", "maxStatements: 100000000", StringComparison.Ordinal)));

        Assert.Contains("the generator exceeded its memory limit (4,000,000 bytes per call)", Assert.Single(errors).Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_generator_that_recurses_without_end_ends_at_the_recursion_limit()
    {
        var generator = "function generate(state) {\n  return generate(state);\n}\n";

        var error = Assert.Single(await ErrorsAsync(TemplateSpec.With(generator, train: 1, test: 0)));

        Assert.Contains("the generator exceeded its recursion limit (depth 256)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_generator_may_read_the_state_but_not_change_it()
    {
        var generator = """
            function generate(state, request) {
              state.orders.A1.status = 'gone';
              return { scenario: { persona: { reasonForCall: 'x' }, expected: {} } };
            }
            """;

        var error = Assert.Single(await ErrorsAsync(TemplateSpec.With(generator, train: 1, test: 0)));

        Assert.Contains("TypeError", error.Message, StringComparison.Ordinal);
        Assert.Contains("the state is read-only in a generator", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_syntax_error_in_a_generator_is_reported_at_its_line()
    {
        var generator = "function generate(state, request, ctx) {\n  return { key: 'a', scenario: { persona: { reasonForCall: 'x' } ;\n}\n";
        var yaml = TemplateSpec.With(generator, train: 1, test: 0);

        var error = Assert.Single(await ErrorsAsync(yaml));

        Assert.Equal(ValidSpec.LineOf(yaml, "reasonForCall: 'x' } ;"), error.Line);
        Assert.Contains("JavaScript syntax error in the generator of template 'gen'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_script_without_a_generate_function_says_so()
    {
        var error = Assert.Single(await ErrorsAsync(TemplateSpec.With("function make() { return {}; }", train: 1, test: 0)));

        Assert.Contains("the generator does not define function generate(state, request, ctx)", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("return 42;", "must return an object { key, scenario }, not a number")]
    [InlineData("return { key: 'a', scenarios: {} };", "returned an unknown property 'scenarios'")]
    [InlineData("return { key: 'a', scenario: [] };", "must return 'scenario' as an object")]
    [InlineData("return { key: 'a', scenario: { id: 'mine', persona: { reasonForCall: 'x' }, expected: {} } };", "returned 'id' in the scenario; the engine sets id and split")]
    [InlineData("return { scenario: { key: 'a', persona: { reasonForCall: 'x' }, expected: {} } };", "returned 'key' inside the scenario; return it beside it")]
    [InlineData("return { key: true, scenario: { persona: { reasonForCall: 'x' }, expected: {} } };", "must return 'key' as a string or a number, not a boolean")]
    [InlineData("return undefined;", "returned nothing; return { key, scenario }")]
    public async Task An_answer_that_breaks_the_contract_says_which_part(string body, string expected)
    {
        var error = Assert.Single(await ErrorsAsync(TemplateSpec.With($"function generate(state, request, ctx) {{\n  {body}\n}}", train: 1, test: 0)));

        Assert.Contains($"template 'gen', train instance 0 ('gen.train.0'): the generator {expected}", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task With_a_split_key_every_instance_needs_its_key()
    {
        var generator = "function generate() {\n  return { scenario: { persona: { reasonForCall: 'x' }, expected: {} } };\n}\n";

        var error = Assert.Single(await ErrorsAsync(TemplateSpec.With(generator, train: 1, test: 0, extra: "splitKey: { name: customer_id }\n")));

        Assert.Contains("returned no 'key'; the environment's splitKey 'customer_id' needs every instance's value of it", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_schema_invalid_instance_names_its_id_and_json_path_like_a_written_scenario()
    {
        var generator = """
            function generate(state, request) {
              return { key: 'k' + request.index, scenario: { persona: { reasonForCall: 'x', mood: 'grumpy', reasonForCal: 'y' }, expected: {} } };
            }
            """;
        var yaml = TemplateSpec.With(generator, train: 1, test: 0);

        var errors = await ErrorsAsync(yaml);

        Assert.All(errors, e => Assert.Equal((_folder.SpecPath, ValidSpec.LineOf(yaml, "- name: gen"), "$.scenarioTemplates[0]"), (e.File, e.Line, e.JsonPath)));
        Assert.Contains(errors, e => e.Message.StartsWith("instance 'gen.train.0': $.persona.mood: must be one of \"calm\"", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Message == "instance 'gen.train.0': $.persona.reasonForCal: unknown property 'reasonForCal'; did you mean 'reasonForCall'?");
    }

    [Fact]
    public async Task An_instance_that_fails_the_checks_a_schema_cannot_make_names_its_id()
    {
        var generator = """
            function generate(state, request) {
              return { scenario: { persona: { reasonForCall: 'x' }, expected: { actions: [{ name: 'refund' }] } } };
            }
            """;

        var error = Assert.Single(await ErrorsAsync(TemplateSpec.With(generator, train: 1, test: 0)));

        Assert.Equal("instance 'gen.train.0': $.expected.actions[0].name: unknown tool 'refund' (tools are: lookup, cancel, transfer)", error.Message);
    }

    [Fact]
    public async Task A_gold_action_that_fails_when_replayed_names_the_instance_and_the_action()
    {
        var generator = """
            function generate(state, request) {
              const order = request.index === 0 ? 'A1' : 'A2';
              return { scenario: { persona: { reasonForCall: 'cancel ' + order }, expected: { actions: [{ name: 'cancel', arguments: { order_id: order } }] } } };
            }
            """;

        var error = Assert.Single(await ErrorsAsync(TemplateSpec.With(generator, train: 2, test: 0)));

        Assert.Equal("instance 'gen.train.1': $.expected.actions[0]: gold action 1 ('cancel') fails when replayed: Error: order is delivered", error.Message);
    }

    [Fact]
    public async Task An_instance_id_that_a_written_scenario_has_is_refused()
    {
        var yaml = ValidSpec.With("  - id: cancel-a1", "  - id: gen.train.0");

        var error = Assert.Single(await ErrorsAsync(TemplateSpec.With(TemplateSpec.Simple, train: 1, test: 0).Replace(ValidSpec.Yaml.TrimEnd(), yaml.TrimEnd(), StringComparison.Ordinal)));

        Assert.Contains("the instance id 'gen.train.0' is also the id of a scenario in scenarios", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Template_properties_are_checked_by_the_schema_with_a_did_you_mean()
    {
        var yaml = TemplateSpec.With(TemplateSpec.Simple).Replace("    instances:", "    instance:", StringComparison.Ordinal);

        var errors = await ErrorsAsync(yaml);

        Assert.Contains(errors, e => e.JsonPath == "$.scenarioTemplates[0].instance" && e.Message == "unknown property 'instance'; did you mean 'instances'?");
        Assert.Contains(errors, e => e.JsonPath == "$.scenarioTemplates[0]" && e.Message.Contains("missing required property 'instances'", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Two_templates_with_one_name_are_refused()
    {
        var yaml = TemplateSpec.With(TemplateSpec.Simple) + "  - name: gen\n    instances: { train: 1 }\n    generator: 'function generate() { return {}; }'\n";

        var errors = await ErrorsAsync(yaml);

        Assert.Contains(errors, e => e.JsonPath == "$.scenarioTemplates[1].name" && e.Message == "the template name 'gen' is used twice");
    }

    [Fact]
    public async Task A_generator_file_outside_the_folder_is_refused_like_every_included_file()
    {
        var yaml = ValidSpec.Yaml + "\nscenarioTemplates:\n  - name: escape\n    generatorFile: ../outside.js\n    instances: { train: 1 }\n";

        var error = Assert.Single(await ErrorsAsync(yaml));

        Assert.Equal("$.scenarioTemplates[0].generatorFile", error.JsonPath);
        Assert.Contains("outside the environment's folder", error.Message, StringComparison.Ordinal);
    }
}
