using Sparring.Engine.Environments;

namespace Sparring.Engine.Tests.Environments;

/// <summary>
/// Each test breaks one thing in <see cref="ValidSpec"/> and checks the error an author would read: the file, the
/// line, the JSON path and the words that say what is wrong.
/// </summary>
public sealed class BrokenSpecTests : IDisposable
{
    private const string CancelScript = """
            script: |
              (args, state, ctx) => {
                const order = findOrder(state, args.order_id);
                if (order.status !== "pending") throw new Error("order is " + order.status);
                order.status = "cancelled";
                order.refund_id = ctx.newId("R");
                return { ok: true, refund: order.refund_id };
              }

        """;

    private const string InlineState = """
        state:
          orders:
            A1: { status: pending }
            A2: { status: delivered }

        """;

    private const string InlineLibrary = """
        library: |
          function findOrder(state, id) {
            const order = state.orders[id];
            if (!order) throw new Error("order " + id + " not found");
            return order;
          }

        """;

    private readonly SpecFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task Valid_spec_loads_with_its_tools_and_gold_states()
    {
        var environment = await _folder.Write(ValidSpec.Yaml).LoadAsync();

        Assert.Equal("shop", environment.Spec.Name);
        Assert.Equal(["cancel", "lookup", "transfer"], environment.Tools.OfferedTools.Order());
        Assert.Equal(["cancel-a1", "delivered-a2"], environment.GoldStateHashes.Keys.Order());
        Assert.NotEqual(environment.GoldStateHashes["cancel-a1"], environment.GoldStateHashes["delivered-a2"]);
    }

    [Fact]
    public async Task Unclosed_quote_is_a_YAML_error_where_the_parser_stopped_naming_where_the_quote_began()
    {
        var yaml = ValidSpec.With("  instructions: Help customers with their orders.", "  instructions: \"Help customers with their orders.");

        var error = await SingleErrorAsync(yaml);

        AssertError(error, _folder.SpecPath, ValidSpec.LineOf(yaml, "tools: [lookup, cancel, transfer]"), "$", "not valid YAML", "double-quoted", $"began at line {ValidSpec.LineOf(yaml, "instructions:")}, column 17");
    }

    [Fact]
    public async Task Unclosed_flow_mapping_is_reported_at_its_brace_not_as_a_raw_exception()
    {
        var yaml = ValidSpec.With("    parameters: { type: object }", "    parameters: { type: object");

        var error = await SingleErrorAsync(yaml);

        AssertError(error, _folder.SpecPath, ValidSpec.LineOf(yaml, "parameters: { type: object"), "$.tools[2].parameters", "not valid YAML", "'{' is not closed");
        Assert.Equal(17, error.Column);
    }

    [Fact]
    public async Task Tab_used_as_indentation_is_reported_on_its_line()
    {
        var yaml = ValidSpec.With("        order.status = \"cancelled\";", "\torder.status = \"cancelled\";");

        var error = await SingleErrorAsync(yaml);

        AssertError(error, _folder.SpecPath, ValidSpec.LineOf(yaml, "\torder.status"), "$", "not valid YAML", "tab");
    }

    [Fact]
    public async Task Duplicate_YAML_key_names_the_key_its_path_and_the_first_occurrence()
    {
        var yaml = ValidSpec.With("version: \"1.0\"", "version: \"1.0\"\nversion: \"2.0\"");

        var error = await SingleErrorAsync(yaml);

        AssertError(error, _folder.SpecPath, 3, "$.version", "the key 'version' appears twice", "first at line 2");
        Assert.Equal(1, error.Column);
    }

    [Fact]
    public async Task Unknown_YAML_alias_is_reported_where_it_is_used()
    {
        var yaml = ValidSpec.With("    A2: { status: delivered }", "    A2: *delivered");

        var error = await SingleErrorAsync(yaml);

        AssertError(error, _folder.SpecPath, ValidSpec.LineOf(yaml, "*delivered"), "$.state.orders.A2", "unknown alias '*delivered'");
    }

    [Fact]
    public async Task Missing_required_top_level_property_is_named()
    {
        var yaml = ValidSpec.With("version: \"1.0\"\n", string.Empty);

        var error = await SingleErrorAsync(yaml);

        AssertError(error, _folder.SpecPath, 1, "$", "missing required property 'version'");
    }

    [Fact]
    public async Task Misspelt_property_suggests_the_right_one()
    {
        var yaml = ValidSpec.With("    description: Cancel a pending order.", "    descripton: Cancel a pending order.");

        var errors = await ErrorsAsync(yaml);

        Assert.Equal(2, errors.Count);
        AssertError(errors[0], _folder.SpecPath, ValidSpec.LineOf(yaml, "descripton:") - 1, "$.tools[1]", "missing required property 'description'");
        AssertError(errors[1], _folder.SpecPath, ValidSpec.LineOf(yaml, "descripton:"), "$.tools[1].descripton", "unknown property 'descripton'", "did you mean 'description'?");
    }

    [Fact]
    public async Task Unknown_property_without_a_close_match_lists_the_allowed_ones()
    {
        var yaml = ValidSpec.With("    readOnly: true", "    readOnly: true\n    cacheable: true");

        var error = await SingleErrorAsync(yaml);

        AssertError(error, _folder.SpecPath, ValidSpec.LineOf(yaml, "cacheable:"), "$.tools[0].cacheable", "unknown property 'cacheable'", "allowed here:", "scriptFile");
    }

    [Fact]
    public async Task Wrong_type_names_what_was_given_and_what_is_expected()
    {
        var yaml = ValidSpec.With("patience: 8", "patience: many");

        var error = await SingleErrorAsync(yaml);

        AssertError(error, _folder.SpecPath, ValidSpec.LineOf(yaml, "patience: many"), "$.scenarios[0].persona.patience", "\"string\"", "should be \"integer\"");
    }

    [Fact]
    public async Task Number_where_text_is_expected_says_to_quote_it()
    {
        var yaml = ValidSpec.With("version: \"1.0\"", "version: 1.0");

        var error = await SingleErrorAsync(yaml);

        AssertError(error, _folder.SpecPath, 2, "$.version", "should be \"string\"", "put it in quotes");
    }

    [Fact]
    public async Task Invalid_mood_lists_the_moods()
    {
        var yaml = ValidSpec.With("mood: calm", "mood: grumpy");

        var error = await SingleErrorAsync(yaml);

        AssertError(error, _folder.SpecPath, ValidSpec.LineOf(yaml, "mood: grumpy"), "$.scenarios[0].persona.mood", "must be one of", "\"calm\"", "\"confused\"", "\"angry\"", "\"panicked\"");
    }

    [Fact]
    public async Task Duplicate_tool_name_is_reported_at_the_second_tool()
    {
        var yaml = ValidSpec.With("      - result: Transferred\n", "      - result: Transferred\n  - name: lookup\n    description: Again.\n    parameters: { type: object }\n    responses:\n      - result: none\n");

        var error = await SingleErrorAsync(yaml);

        AssertError(error, _folder.SpecPath, ValidSpec.LineOf(yaml, "description: Again.") - 1, "$.tools[3].name", "the tool name 'lookup' is used twice");
    }

    [Fact]
    public async Task Duplicate_scenario_id_is_reported_at_the_second_scenario()
    {
        var yaml = ValidSpec.With("  - id: delivered-a2", "  - id: cancel-a1");

        var error = await SingleErrorAsync(yaml);

        AssertError(error, _folder.SpecPath, ValidSpec.LineOf(yaml, "wants to return A2") - 2, "$.scenarios[1].id", "the scenario id 'cancel-a1' is used twice");
    }

    [Fact]
    public async Task Duplicate_grader_name_is_reported_at_the_second_grader()
    {
        var yaml = ValidSpec.With("reward:\n", "  - name: judge\n    type: containment\nreward:\n");

        var error = await SingleErrorAsync(yaml);

        AssertError(error, _folder.SpecPath, ValidSpec.LineOf(yaml, "type: containment") - 1, "$.graders[4].name", "the grader name 'judge' is used twice");
    }

    [Fact]
    public async Task Agent_tool_that_does_not_exist_is_named_with_the_tools_that_do()
    {
        var yaml = ValidSpec.With("tools: [lookup, cancel, transfer]", "tools: [lookup, cancle, transfer]");

        var error = await SingleErrorAsync(yaml);

        AssertError(error, _folder.SpecPath, 5, "$.agent.tools[1]", "unknown tool 'cancle'", "tools are: lookup, cancel, transfer");
    }

    [Fact]
    public async Task Unknown_transfer_tool_is_named()
    {
        var yaml = ValidSpec.With("transferTool: transfer", "transferTool: handoff");

        var error = await SingleErrorAsync(yaml);

        AssertError(error, _folder.SpecPath, 6, "$.agent.transferTool", "unknown tool 'handoff'");
    }

    [Fact]
    public async Task Transfer_tool_the_agent_is_not_offered_is_reported()
    {
        var yaml = ValidSpec.With("tools: [lookup, cancel, transfer]", "tools: [lookup, cancel]");

        var error = await SingleErrorAsync(yaml);

        AssertError(error, _folder.SpecPath, 6, "$.agent.transferTool", "'transfer' is not offered to the agent", "agent.tools");
    }

    [Fact]
    public async Task Tool_with_both_script_and_responses_is_reported()
    {
        var yaml = ValidSpec.With("    responses:\n      - result: Transferred", "    script: \"(args) => 'ok'\"\n    responses:\n      - result: Transferred");

        var error = await SingleErrorAsync(yaml);

        AssertError(error, _folder.SpecPath, ValidSpec.LineOf(yaml, "- name: transfer"), "$.tools[2]", "tool 'transfer' needs exactly one implementation", "'script'", "'responses'");
    }

    [Fact]
    public async Task Tool_with_neither_script_nor_responses_is_reported()
    {
        var yaml = ValidSpec.With("    responses:\n      - result: Transferred\n", string.Empty);

        var error = await SingleErrorAsync(yaml);

        AssertError(error, _folder.SpecPath, ValidSpec.LineOf(yaml, "- name: transfer"), "$.tools[2]", "tool 'transfer' needs exactly one implementation");
    }

    [Fact]
    public async Task Parameters_that_are_not_a_JSON_Schema_point_at_the_bad_keyword_only()
    {
        var yaml = ValidSpec.With(
            "Cancel a pending order.\n    parameters:\n      type: object\n      properties:\n        order_id: { type: string }",
            "Cancel a pending order.\n    parameters:\n      type: object\n      properties:\n        order_id: { type: strin }");

        var error = await SingleErrorAsync(yaml);

        AssertError(error, _folder.SpecPath, ValidSpec.LineOf(yaml, "{ type: strin }"), "$.tools[1].parameters.properties.order_id.type", "not a valid JSON Schema", "not a JSON Schema type", "string, number, integer");
    }

    [Fact]
    public async Task Parameters_must_be_an_object_schema()
    {
        var yaml = ValidSpec.With("    parameters: { type: object }", "    parameters: { type: string }");

        var error = await SingleErrorAsync(yaml);

        AssertError(error, _folder.SpecPath, ValidSpec.LineOf(yaml, "parameters: { type: string }"), "$.tools[2].parameters", "parameters of tool 'transfer'", "\"type\": \"object\"");
    }

    [Fact]
    public async Task Parameters_reference_that_resolves_nowhere_is_reported_at_load()
    {
        var yaml = ValidSpec.With("    parameters: { type: object }", "    parameters:\n      type: object\n      properties:\n        reason: { $ref: \"#/$defs/reason\" }");

        var error = await SingleErrorAsync(yaml);

        AssertError(error, _folder.SpecPath, ValidSpec.LineOf(yaml, "reason: { $ref"), "$.tools[2].parameters.properties.reason.$ref", "'#/$defs/reason' points at nothing");
    }

    [Fact]
    public async Task JavaScript_syntax_error_in_an_inline_script_is_on_the_YAML_line_and_column_of_the_bad_code()
    {
        var yaml = ValidSpec.With("        order.status = \"cancelled\";", "        order.status = = \"cancelled\";");

        var error = await SingleErrorAsync(yaml);

        AssertError(error, _folder.SpecPath, ValidSpec.LineOf(yaml, "order.status = = "), "$.tools[1].script", "JavaScript syntax error in tool 'cancel'", "Unexpected token '='");
        Assert.Equal("        order.status = ".Length + 1, error.Column);
    }

    [Fact]
    public async Task Unbalanced_braces_are_reported_on_the_scripts_last_line_not_past_it()
    {
        var yaml = ValidSpec.With("        return { status: order.status };\n      }\n", "        return { status: order.status };\n");

        var error = await SingleErrorAsync(yaml);

        AssertError(error, _folder.SpecPath, ValidSpec.LineOf(yaml, "return { status: order.status };"), "$.tools[0].script", "JavaScript syntax error in tool 'lookup'", "brackets do not balance");
    }

    [Fact]
    public async Task JavaScript_syntax_error_in_a_script_file_is_on_the_line_of_that_file()
    {
        var yaml = ValidSpec.With(CancelScript, "    scriptFile: tools/cancel.js\n");
        var script = """
            (args, state, ctx) => {
              const order = findOrder(state, args.order_id);
              order.status = "cancelled";
              return { ok: true ;
            }
            """;

        var error = await SingleErrorAsync(yaml, ("tools/cancel.js", script));

        AssertError(error, _folder.FilePath("tools/cancel.js"), 4, "$.tools[1].script", "JavaScript syntax error in tool 'cancel'", "Unexpected token ';'");
        Assert.Equal("  return { ok: true ".Length + 1, error.Column);
    }

    [Fact]
    public async Task Library_syntax_error_is_on_its_YAML_line()
    {
        var yaml = ValidSpec.With("    const order = state.orders[id];", "    const order = state.orders[id]];");

        var error = await SingleErrorAsync(yaml);

        AssertError(error, _folder.SpecPath, ValidSpec.LineOf(yaml, "state.orders[id]];"), "$.library", "JavaScript syntax error in the library", "Unexpected token ']'");
    }

    [Fact]
    public async Task Library_file_syntax_error_is_on_the_line_of_that_file()
    {
        var yaml = ValidSpec.With(InlineLibrary, "libraryFile: lib/orders.js\n");
        var library = "function findOrder(state, id) {\n  return state.orders[id];\n}}\n";

        var error = await SingleErrorAsync(yaml, ("lib/orders.js", library));

        AssertError(error, _folder.FilePath("lib/orders.js"), 3, "$.library", "JavaScript syntax error in the library", "Unexpected token '}'");
    }

    [Fact]
    public async Task Library_that_fails_when_it_runs_is_reported_at_load_on_the_failing_line()
    {
        var yaml = ValidSpec.With("  function findOrder(state, id) {", "  const currency = settings.currency;\n  function findOrder(state, id) {");

        var error = await SingleErrorAsync(yaml);

        AssertError(error, _folder.SpecPath, ValidSpec.LineOf(yaml, "settings.currency"), "$.library", "the tool library failed", "ReferenceError: settings is not defined");
    }

    [Fact]
    public async Task Script_that_is_not_a_function_is_reported_at_its_tool()
    {
        var yaml = ValidSpec.With("    responses:\n      - result: Transferred", "    script: \"'Transferred'\"");

        var error = await SingleErrorAsync(yaml);

        AssertError(error, _folder.SpecPath, ValidSpec.LineOf(yaml, "script: \"'Transferred'\""), "$.tools[2].script", "tool 'transfer' has a script that is not a function", "a string", "(args, state, ctx) =>");
    }

    [Fact]
    public async Task Gold_action_naming_an_unknown_tool_is_reported()
    {
        var yaml = ValidSpec.With("        - name: cancel\n", "        - name: refund\n");

        var error = await SingleErrorAsync(yaml);

        AssertError(error, _folder.SpecPath, ValidSpec.LineOf(yaml, "- name: refund"), "$.scenarios[0].expected.actions[0].name", "unknown tool 'refund'", "tools are: lookup, cancel, transfer");
    }

    [Fact]
    public async Task Gold_action_with_arguments_the_schema_refuses_names_the_fields()
    {
        var yaml = ValidSpec.With("arguments: { order_id: A1 }", "arguments: { order: A1 }");

        var error = await SingleErrorAsync(yaml);

        AssertError(error, _folder.SpecPath, ValidSpec.LineOf(yaml, "        - name: cancel"), "$.scenarios[0].expected.actions[0]",
            "gold action 1 ('cancel') of scenario 'cancel-a1' fails when replayed", "invalid arguments for 'cancel'", "missing required property 'order_id'", "unknown property 'order'");
    }

    [Fact]
    public async Task Gold_action_that_throws_carries_the_tools_error_text()
    {
        var yaml = ValidSpec.With("arguments: { order_id: A1 }", "arguments: { order_id: A2 }");

        var error = await SingleErrorAsync(yaml);

        AssertError(error, _folder.SpecPath, ValidSpec.LineOf(yaml, "        - name: cancel"), "$.scenarios[0].expected.actions[0]", "gold action 1 ('cancel')", "fails when replayed", "Error: order is delivered");
    }

    [Fact]
    public async Task Gold_action_whose_script_breaks_names_the_script_line()
    {
        var yaml = ValidSpec.With("        order.status = \"cancelled\";", "        order.history.push(\"cancelled\");");

        var error = await SingleErrorAsync(yaml);

        AssertError(error, _folder.SpecPath, ValidSpec.LineOf(yaml, "        - name: cancel"), "$.scenarios[0].expected.actions[0]", "tool 'cancel' failed: TypeError", $"line {ValidSpec.LineOf(yaml, "order.history.push")}");
    }

    [Fact]
    public async Task Gold_action_that_leaves_a_cyclic_state_is_reported_at_the_action()
    {
        var yaml = ValidSpec.With("        order.status = \"cancelled\";", "        order.status = \"cancelled\";\n        order.owner = state;");

        var error = await SingleErrorAsync(yaml);

        AssertError(error, _folder.SpecPath, ValidSpec.LineOf(yaml, "        - name: cancel"), "$.scenarios[0].expected.actions[0]", "tool 'cancel' left a state that cannot be written as JSON", "Cyclic");
    }

    [Fact]
    public async Task Reward_weight_naming_an_unknown_grader_is_reported()
    {
        var yaml = ValidSpec.With("judge: 0.2 }", "judge: 0.2, polit: 0.1 }");

        var error = await SingleErrorAsync(yaml);

        AssertError(error, _folder.SpecPath, ValidSpec.LineOf(yaml, "polit: 0.1"), "$.reward.weights.polit", "unknown grader 'polit'", "graders are: state, polite, no-promises, judge");
    }

    [Fact]
    public async Task Gate_naming_an_unknown_grader_is_reported()
    {
        var yaml = ValidSpec.With("    - grader: no-promises", "    - grader: no-promise");

        var error = await SingleErrorAsync(yaml);

        AssertError(error, _folder.SpecPath, ValidSpec.LineOf(yaml, "- grader: no-promise"), "$.reward.gates[0].grader", "unknown grader 'no-promise'");
    }

    [Fact]
    public async Task All_zero_weights_are_reported()
    {
        var yaml = ValidSpec.With("weights: { state: 0.7, polite: 0.1, judge: 0.2 }", "weights: { state: 0, polite: 0, judge: 0 }");

        var error = await SingleErrorAsync(yaml);

        AssertError(error, _folder.SpecPath, ValidSpec.LineOf(yaml, "weights:"), "$.reward.weights", "the weights add up to 0", "positive weight");
    }

    [Fact]
    public async Task Invalid_regex_is_reported_at_its_pattern()
    {
        var yaml = ValidSpec.With("pattern: \"(thank|thanks)\"", "pattern: \"(thank|thanks\"");

        var error = await SingleErrorAsync(yaml);

        AssertError(error, _folder.SpecPath, ValidSpec.LineOf(yaml, "pattern:"), "$.graders[1].pattern", "invalid regular expression", "Not enough )'s");
    }

    [Fact]
    public async Task Contains_grader_with_nothing_to_check_is_reported()
    {
        var yaml = ValidSpec.With("    none: [promise]\n", string.Empty);

        var error = await SingleErrorAsync(yaml);

        AssertError(error, _folder.SpecPath, ValidSpec.LineOf(yaml, "- name: no-promises"), "$.graders[2]", "a contains check needs 'any', 'all' or 'none'");
    }

    [Fact]
    public async Task Contains_safety_check_with_nothing_to_check_is_reported()
    {
        var yaml = ValidSpec.With("          none: [guarantee]\n", string.Empty);

        var error = await SingleErrorAsync(yaml);

        AssertError(error, _folder.SpecPath, ValidSpec.LineOf(yaml, "- type: contains"), "$.scenarios[1].expected.safety[0]", "a contains check needs 'any', 'all' or 'none'");
    }

    [Fact]
    public async Task Llm_rubric_without_criteria_is_reported()
    {
        var yaml = ValidSpec.With("    criteria:\n      - name: empathy\n        description: Acknowledges the customer's problem.\n", string.Empty);

        var error = await SingleErrorAsync(yaml);

        AssertError(error, _folder.SpecPath, ValidSpec.LineOf(yaml, "- name: judge"), "$.graders[3]", "the llm_rubric grader 'judge' needs 'criteria'");
    }

    [Fact]
    public async Task Missing_state_file_is_reported()
    {
        var yaml = ValidSpec.With(InlineState, "stateFile: data/state.json\n");

        var error = await SingleErrorAsync(yaml);

        AssertError(error, _folder.SpecPath, ValidSpec.LineOf(yaml, "stateFile:"), "$.stateFile", "file not found", "state.json");
    }

    [Fact]
    public async Task State_file_that_is_not_JSON_is_reported_in_that_file()
    {
        var yaml = ValidSpec.With(InlineState, "stateFile: state.json\n");
        var state = "{\n  \"orders\": {\n    \"A1\": { \"status\": \"pending\" }\n  }}}\n";

        var error = await SingleErrorAsync(yaml, ("state.json", state));

        AssertError(error, _folder.FilePath("state.json"), 4, "$", "not valid JSON", "'}' is invalid after a single JSON value");
        Assert.DoesNotContain("LineNumber", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Script_file_outside_the_environment_folder_is_refused()
    {
        var yaml = ValidSpec.With(CancelScript, "    scriptFile: ../x.js\n");

        var error = await SingleErrorAsync(yaml);

        AssertError(error, _folder.SpecPath, ValidSpec.LineOf(yaml, "scriptFile: ../x.js"), "$.tools[1].scriptFile", "'../x.js' is outside the environment's folder");
    }

    [Fact]
    public async Task Scenario_expecting_a_transfer_needs_a_transfer_tool()
    {
        var yaml = ValidSpec.With("  transferTool: transfer\n", string.Empty);

        var error = await SingleErrorAsync(yaml);

        AssertError(error, _folder.SpecPath, ValidSpec.LineOf(yaml, "transfer: true"), "$.scenarios[1].expected.transfer", "expects a transfer", "agent.transferTool is not set");
    }

    [Fact]
    public async Task Clock_that_is_not_a_date_time_shows_the_expected_form()
    {
        var yaml = ValidSpec.With("now: \"2026-01-15T10:00:00Z\"", "now: \"2026-01-15 10:00\"");

        var error = await SingleErrorAsync(yaml);

        AssertError(error, _folder.SpecPath, ValidSpec.LineOf(yaml, "now:"), "$.clock.now", "must be a date and time with a time zone", "2026-01-15T10:00:00Z");
    }

    [Fact]
    public async Task Limit_too_large_for_its_field_gives_the_range_not_a_dotnet_type()
    {
        var yaml = ValidSpec.With("clock:\n", "limits:\n  sandbox:\n    maxStatements: 3000000000\nclock:\n");

        var error = await SingleErrorAsync(yaml);

        AssertError(error, _folder.SpecPath, ValidSpec.LineOf(yaml, "maxStatements:"), "$.limits.sandbox.maxStatements", "must be a whole number", "2147483647");
        Assert.DoesNotContain("System.", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Several_schema_mistakes_are_all_reported_sorted_by_line()
    {
        var yaml = ValidSpec.With("mood: calm", "mood: grumpy")
            .Replace("patience: 8", "patience: 0", StringComparison.Ordinal)
            .Replace("version: \"1.0\"", "version: \"1.0\"\nvesion: 2", StringComparison.Ordinal);

        var errors = await ErrorsAsync(yaml);

        Assert.Equal(["$.vesion", "$.scenarios[0].persona.mood", "$.scenarios[0].persona.patience"], errors.Select(e => e.JsonPath));
        Assert.Equal([3, ValidSpec.LineOf(yaml, "mood: grumpy"), ValidSpec.LineOf(yaml, "patience: 0")], errors.Select(e => e.Line ?? 0));
        Assert.Contains("did you mean 'version'", errors[0].Message, StringComparison.Ordinal);
        Assert.Contains("should be at least 1", errors[2].Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Several_semantic_mistakes_are_all_reported_sorted_by_line()
    {
        var yaml = ValidSpec.With("transferTool: transfer", "transferTool: handoff")
            .Replace("        order.status = \"cancelled\";", "        order.status = = \"cancelled\";", StringComparison.Ordinal)
            .Replace("  - name: polite", "  - name: state", StringComparison.Ordinal)
            .Replace("pattern: \"(thank|thanks)\"", "pattern: \"[thank\"", StringComparison.Ordinal)
            .Replace("  - id: delivered-a2", "  - id: cancel-a1", StringComparison.Ordinal);

        var errors = await ErrorsAsync(yaml);

        Assert.Equal(
            ["$.agent.transferTool", "$.tools[1].script", "$.scenarios[1].id", "$.graders[1].name", "$.graders[1].pattern", "$.reward.weights.polite"],
            errors.Select(e => e.JsonPath));
        Assert.Equal(errors.Select(e => e.Line ?? 0).Order(), errors.Select(e => e.Line ?? 0));
        Assert.All(errors, e => Assert.Equal(_folder.SpecPath, e.File));
        Assert.Equal(ValidSpec.LineOf(yaml, "order.status = = "), errors[1].Line);
    }

    [Fact]
    public async Task Error_text_reads_file_line_column_path_message()
    {
        var yaml = ValidSpec.With("mood: calm", "mood: grumpy");

        var error = await SingleErrorAsync(yaml);

        Assert.Equal($"{_folder.SpecPath}:{error.Line}:13: $.scenarios[0].persona.mood: {error.Message}", error.ToString());
    }

    [Fact]
    public async Task Folder_without_a_spec_is_a_spec_error()
    {
        var exception = await Assert.ThrowsAsync<EnvironmentSpecException>(() => _folder.LoadAsync());

        var error = Assert.Single(exception.Errors);
        Assert.Equal(_folder.Path, error.File);
        Assert.Contains("environment.yaml", error.Message, StringComparison.Ordinal);
    }

    public static TheoryData<string, string, string> UserMistakes() => new()
    {
        { "empty file", string.Empty, "the file is empty" },
        { "a list at the top", "- name: shop\n", "must be a mapping" },
        { "a second YAML document", ValidSpec.Yaml + "\n---\nname: other\n", "second YAML document" },
        { "a complex key", ValidSpec.With("    A2: { status: delivered }", "    ? [A2, A3]\n    : { status: delivered }"), "keys must be plain strings" },
        { "tools with no value", ValidSpec.With("tools:\n  - name: lookup", "tools:\ntoolz:\n  - name: lookup"), "\"null\"" },
        { "a tool without a name", ValidSpec.With("  - name: transfer", "  - name:"), "\"null\"" },
        { "arguments with no value", ValidSpec.With("arguments: { order_id: A1 }", "arguments:"), "should be \"object\"" },
        { "arguments that are a list", ValidSpec.With("arguments: { order_id: A1 }", "arguments: [A1]"), "should be \"object\"" },
        { "a canned 'when' that is a number", ValidSpec.With("      - result: Transferred", "      - when: 5\n        result: Transferred"), "should be \"object\"" },
        { "state that is a list", ValidSpec.With(InlineState, "state: [1, 2]\n"), "should be \"object\"" },
        { "a weight that is text", ValidSpec.With("judge: 0.2 }", "judge: \"0.2\" }"), "should be \"number\"" },
        { "a negative weight", ValidSpec.With("judge: 0.2 }", "judge: -1 }"), "at least 0" },
        { "a gate above 1", ValidSpec.With("    - grader: no-promises", "    - grader: no-promises\n      atLeast: 2"), "at most 1" },
        { "a memory limit beyond long", ValidSpec.With("clock:\n", "limits:\n  sandbox:\n    maxMemoryBytes: 99999999999999999999999\nclock:\n"), "whole number" },
        { "a remote $ref in parameters", ValidSpec.With("    parameters: { type: object }", "    parameters: { type: object, properties: { x: { $ref: \"https://example.com/s.json\" } } }"), "another document" },
        { "a library that throws", ValidSpec.With("  function findOrder(state, id) {", "  throw new Error('not yet');\n  function findOrder(state, id) {"), "not yet" },
        { "a library that loops forever", ValidSpec.With("  function findOrder(state, id) {", "  while (true) {}\n  function findOrder(state, id) {"), "statement limit" },
        { "a script that calls itself at setup", ValidSpec.With("    responses:\n      - result: Transferred", "    script: \"(() => { throw new TypeError('setup') })()\""), "setup" },
        { "a tool returning a BigInt in gold replay", ValidSpec.With("        return { ok: true, refund: order.refund_id };", "        return 10n;"), "BigInt" },
        { "a gold state holding a BigInt", ValidSpec.With("        order.status = \"cancelled\";", "        order.status = 1n;"), "BigInt" },
        { "instructions given twice", ValidSpec.With("  instructions: Help customers with their orders.", "  instructions: Help customers with their orders.\n  instructionsFile: help.md"), "not both" },
        { "a scenario file that does not exist", ValidSpec.With("scenarios:\n", "scenarioFiles: [more.yaml]\nscenarios:\n"), "file not found" },
        { "a scenario file name that is not text", ValidSpec.With("scenarios:\n", "scenarioFiles: [{ file: more.yaml }]\nscenarios:\n"), "file name" },
        { "scenario files that are not a list", ValidSpec.With("scenarios:\n", "scenarioFiles: more.yaml\nscenarios:\n"), "list of file names" },
        { "an anchor merged with <<", ValidSpec.With("    persona:\n      reasonForCall: cancel order A1", "    persona: &first\n      reasonForCall: cancel order A1").Replace("    persona:\n      reasonForCall: wants to return A2", "    persona: { <<: *first }", StringComparison.Ordinal), "unknown property '<<'" },
    };

    [Theory]
    [MemberData(nameof(UserMistakes))]
    public async Task User_mistakes_surface_only_as_spec_errors(string mistake, string yaml, string words)
    {
        _folder.Write(yaml, ("help.md", "Be kind."));

        var exception = await Assert.ThrowsAsync<EnvironmentSpecException>(() => _folder.LoadAsync());

        Assert.NotEmpty(exception.Errors);
        Assert.All(exception.Errors, e => Assert.StartsWith(_folder.Path, e.File, StringComparison.Ordinal));
        Assert.All(exception.Errors, e => Assert.StartsWith("$", e.JsonPath, StringComparison.Ordinal));
        Assert.True(
            exception.Errors.Any(e => e.Message.Contains(words, StringComparison.Ordinal)),
            $"{mistake}: no error says '{words}':{Environment.NewLine}{exception.Message}");
    }

    private async Task<IReadOnlyList<SpecError>> ErrorsAsync(string yaml, params (string Name, string Content)[] files)
    {
        _folder.Write(yaml, files);
        var exception = await Assert.ThrowsAsync<EnvironmentSpecException>(() => _folder.LoadAsync());
        return exception.Errors;
    }

    private async Task<SpecError> SingleErrorAsync(string yaml, params (string Name, string Content)[] files)
    {
        var errors = await ErrorsAsync(yaml, files);
        Assert.True(errors.Count == 1, $"expected one error, got {errors.Count}:{Environment.NewLine}{string.Join(Environment.NewLine, errors)}");
        return errors[0];
    }

    private static void AssertError(SpecError error, string file, int line, string jsonPath, params string[] words)
    {
        Assert.Equal(file, error.File);
        Assert.Equal(line, error.Line);
        Assert.Equal(jsonPath, error.JsonPath);
        foreach (var word in words)
        {
            Assert.Contains(word, error.Message, StringComparison.Ordinal);
        }
    }
}
