using System.Text.Json;
using Microsoft.Extensions.Time.Testing;
using Sparring.Engine.Environments;
using Sparring.Engine.State;
using Sparring.Engine.Tests.Environments;
using Sparring.Engine.Tools;

namespace Sparring.Engine.Tests.Tools;

/// <summary>What the tool sandbox does with limits, escapes, bad calls, canned answers, faults and determinism.</summary>
public sealed class ToolSandboxTests : IDisposable
{
    private const string DefaultLimits = """
          sandbox:
            maxStatements: 10000
            timeoutMs: 2000
            maxMemoryBytes: 4000000
            maxRecursion: 50
        """;

    private const string Spec = """
        name: sandbox
        version: "1"
        agent:
          instructions: Exercise the sandbox.
          tools: [spin, allocate, recurse, readFile, importClr, requireFs, compile, evaluate, refuse, put, get, ids, weather, down, flaky, slow, busy]
        library: |
          function descend(n) { return descend(n + 1); }
        tools:
          - name: spin
            description: Never returns.
            parameters: { type: object }
            script: "(args, state, ctx) => { while (true) {} }"
          - name: allocate
            description: Allocates without end.
            parameters: { type: object }
            script: "(args, state, ctx) => { const chunks = []; while (true) chunks.push(new Array(10000).fill(1)); }"
          - name: recurse
            description: Recurses without end.
            parameters: { type: object }
            script: "(args, state, ctx) => descend(0)"
          - name: readFile
            description: Reaches for .NET.
            parameters: { type: object }
            script: "(args, state, ctx) => System.IO.File.ReadAllText('/etc/passwd')"
          - name: importClr
            description: Imports a .NET namespace.
            parameters: { type: object }
            script: "(args, state, ctx) => importNamespace('System').IO.File.ReadAllText('/etc/passwd')"
          - name: requireFs
            description: Requires a Node module.
            parameters: { type: object }
            script: "(args, state, ctx) => require('fs').readFileSync('/etc/passwd')"
          - name: compile
            description: Compiles a string.
            parameters: { type: object }
            script: "(args, state, ctx) => new Function('return 1')()"
          - name: evaluate
            description: Evaluates a string.
            parameters: { type: object }
            script: "(args, state, ctx) => eval('1 + 1')"
          - name: refuse
            description: Says no.
            parameters: { type: object }
            script: "(args, state, ctx) => { throw new Error('x'); }"
          - name: put
            description: Stores an item.
            parameters:
              type: object
              properties:
                key: { type: string }
                value: { type: integer }
              required: [key, value]
              additionalProperties: false
            script: |
              (args, state, ctx) => {
                state.items[args.key] = { value: args.value, id: ctx.newId("item-"), score: ctx.random() };
                return state.items[args.key];
              }
          - name: get
            description: Reads an item.
            readOnly: true
            parameters:
              type: object
              properties:
                key: { type: string }
              required: [key]
            script: "(args, state, ctx) => state.items[args.key] ?? null"
          - name: ids
            description: Reports the sandbox's sources of variation.
            readOnly: true
            parameters: { type: object }
            script: |
              (args, state, ctx) => ({
                id: ctx.newId("T"),
                random: ctx.random(),
                mathRandom: Math.random(),
                date: new Date().toISOString(),
                dateNow: Date.now(),
                now: ctx.now
              })
          - name: weather
            description: Canned weather.
            readOnly: true
            parameters:
              type: object
              properties:
                city: { type: string }
                unit: { type: string }
              required: [city]
            responses:
              - when: { city: Paris }
                result: { temp: 21, sky: clear }
              - when: { city: Paris, unit: F }
                result: { temp: 70 }
              - when: { city: Atlantis }
                error: no such city
              - when: { city: Oslo }
                result: Snowing
          - name: down
            description: Always fails.
            parameters: { type: object }
            faults: { errorRate: 1.0, errorMessage: Backend down }
            script: "(args, state, ctx) => { state.calls = (state.calls ?? 0) + 1; return 'ran'; }"
          - name: flaky
            description: Fails half the time.
            parameters: { type: object }
            faults: { errorRate: 0.5 }
            script: "(args, state, ctx) => 'ok'"
          - name: slow
            description: Takes five seconds.
            parameters: { type: object }
            faults: { latencyMs: 5000 }
            script: "(args, state, ctx) => 'done'"
          - name: busy
            description: Runs a few thousand statements.
            parameters: { type: object }
            script: "(args, state, ctx) => { let total = 0; for (let i = 0; i < 3000; i++) { total += i; } return total; }"
          - name: hidden
            description: Not offered to the agent.
            parameters: { type: object }
            script: "(args, state, ctx) => 'secret'"
        state:
          items: {}
        clock:
          now: "2026-03-01T12:34:56Z"
        limits:
        {LIMITS}
        scenarios:
          - id: noop
            persona: { reasonForCall: testing }
            expected: {}
        graders:
          - { name: state, type: state_match }
        reward:
          weights: { state: 1 }
        """;

    private static readonly DateTimeOffset ClockNow = new(2026, 3, 1, 12, 34, 56, TimeSpan.Zero);

    private readonly SpecFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task Infinite_loop_breaks_the_statement_limit()
    {
        var sandbox = await LoadAsync();

        var violation = await ViolationAsync(sandbox, "spin");

        Assert.Equal("spin", violation.ToolName);
        Assert.Equal("tool 'spin' exceeded its statement limit (10,000 statements per call)", violation.Message);
    }

    [Fact]
    public async Task Infinite_loop_breaks_the_time_limit_when_statements_are_plenty()
    {
        var sandbox = await LoadAsync("""
              sandbox:
                maxStatements: 2000000000
                timeoutMs: 200
            """);

        var started = DateTime.UtcNow;
        var violation = await ViolationAsync(sandbox, "spin");

        Assert.Equal("tool 'spin' exceeded its time limit (200 ms per call)", violation.Message);
        Assert.InRange(DateTime.UtcNow - started, TimeSpan.FromMilliseconds(150), TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task Huge_allocation_breaks_the_memory_limit()
    {
        var sandbox = await LoadAsync();

        var violation = await ViolationAsync(sandbox, "allocate");

        Assert.Equal("tool 'allocate' exceeded its memory limit (4,000,000 bytes per call)", violation.Message);
    }

    [Fact]
    public async Task Deep_recursion_breaks_the_recursion_limit()
    {
        var sandbox = await LoadAsync();

        var violation = await ViolationAsync(sandbox, "recurse");

        Assert.Equal("tool 'recurse' exceeded its recursion limit (depth 50)", violation.Message);
    }

    [Fact]
    public async Task Limits_apply_per_call_not_per_session()
    {
        var sandbox = await LoadAsync();
        using var session = Open(sandbox);

        for (var call = 0; call < 5; call++)
        {
            var outcome = await session.InvokeAsync("busy", "{}", offeredOnly: true, CancellationToken.None);
            Assert.Equal("4498500", outcome.Result);
        }
    }

    [Theory]
    [InlineData("readFile", "ReferenceError: System is not defined")]
    [InlineData("importClr", "ReferenceError: importNamespace is not defined")]
    [InlineData("requireFs", "ReferenceError: require is not defined")]
    public async Task Reaching_for_dotnet_or_node_fails_and_says_tools_have_neither(string tool, string error)
    {
        var sandbox = await LoadAsync();

        var violation = await ViolationAsync(sandbox, tool);

        Assert.Equal(tool, violation.ToolName);
        Assert.StartsWith($"tool '{tool}' failed: {error}", violation.Message, StringComparison.Ordinal);
        Assert.Contains($"{_folder.SpecPath} line ", violation.Message, StringComparison.Ordinal);
        Assert.Contains("no .NET, no require, no network", violation.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("compile")]
    [InlineData("evaluate")]
    public async Task Compiling_code_from_a_string_is_refused(string tool)
    {
        var sandbox = await LoadAsync();

        var violation = await ViolationAsync(sandbox, tool);

        Assert.StartsWith($"tool '{tool}' tried to run code from a string (eval or new Function), which tools may not do", violation.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Thrown_error_is_a_valid_call_whose_result_is_the_error_text()
    {
        var sandbox = await LoadAsync();
        using var session = Open(sandbox);

        var outcome = await session.InvokeAsync("refuse", "{}", offeredOnly: true, CancellationToken.None);

        Assert.Equal(new ToolOutcome("Error: x", Valid: true, Error: "x", FaultInjected: false), outcome);
    }

    [Theory]
    [InlineData("""{"key": "a", "value": "ten"}""", "/value: Value is \"string\" but should be \"integer\"")]
    [InlineData("""{"key": "a"}""", "(root): missing required property 'value'")]
    [InlineData("""{"key": "a", "value": 1, "colour": "red"}""", "/colour: unknown property 'colour'")]
    [InlineData("""{"key": 1, "value": 1}""", "/key: Value is \"integer\" but should be \"string\"")]
    [InlineData("""{"key": """, "the arguments of 'put' are not valid JSON")]
    public async Task Invalid_arguments_are_an_invalid_call_naming_the_field_and_leave_the_state_alone(string arguments, string message)
    {
        var sandbox = await LoadAsync();
        using var session = Open(sandbox);

        var outcome = await session.InvokeAsync("put", arguments, offeredOnly: true, CancellationToken.None);

        Assert.False(outcome.Valid);
        Assert.StartsWith("Error: ", outcome.Result, StringComparison.Ordinal);
        Assert.Contains(message, outcome.Error, StringComparison.Ordinal);
        Assert.Equal(CanonicalJson.Hash(sandbox.InitialStateJson), session.StateHash());
    }

    [Fact]
    public async Task Unknown_tool_is_an_invalid_call()
    {
        var sandbox = await LoadAsync();
        using var session = Open(sandbox);

        var outcome = await session.InvokeAsync("teleport", "{}", offeredOnly: true, CancellationToken.None);

        Assert.Equal(new ToolOutcome("Error: unknown tool 'teleport'", Valid: false, Error: "unknown tool 'teleport'"), outcome);
    }

    [Fact]
    public async Task Tool_not_offered_to_the_agent_is_unknown_to_it_but_runs_for_gold_replays()
    {
        var sandbox = await LoadAsync();
        using var session = Open(sandbox);

        var asAgent = await session.InvokeAsync("hidden", "{}", offeredOnly: true, CancellationToken.None);
        var asReplay = await session.InvokeAsync("hidden", "{}", offeredOnly: false, CancellationToken.None);

        Assert.Equal("Error: unknown tool 'hidden'", asAgent.Result);
        Assert.False(asAgent.Valid);
        Assert.Equal("secret", asReplay.Result);
        Assert.True(asReplay.Valid);
    }

    [Theory]
    [InlineData("""{"city": "Paris"}""", """{"temp":21,"sky":"clear"}""")]
    [InlineData("""{"city": "Paris", "unit": "F"}""", """{"temp":21,"sky":"clear"}""")]
    [InlineData("""{"city": "Oslo"}""", "Snowing")]
    [InlineData("""{"city": "Atlantis"}""", "Error: no such city")]
    [InlineData("""{"city": "Rome"}""", "Error: 'weather' has no answer for these arguments")]
    public async Task Canned_responses_answer_with_the_first_whose_arguments_match(string arguments, string result)
    {
        var sandbox = await LoadAsync();
        using var session = Open(sandbox);

        var outcome = await session.InvokeAsync("weather", arguments, offeredOnly: true, CancellationToken.None);

        Assert.Equal(result, outcome.Result);
        Assert.True(outcome.Valid);
        Assert.False(outcome.FaultInjected);
    }

    [Fact]
    public async Task Error_rate_one_always_fails_with_the_fault_message_and_never_runs_the_tool()
    {
        var sandbox = await LoadAsync();
        using var session = Open(sandbox, faultSeed: 42);

        for (var call = 0; call < 10; call++)
        {
            var outcome = await session.InvokeAsync("down", "{}", offeredOnly: true, CancellationToken.None);
            Assert.Equal(new ToolOutcome("Error: Backend down", Valid: true, Error: "Backend down", FaultInjected: true), outcome);
        }

        Assert.Equal(CanonicalJson.Hash(sandbox.InitialStateJson), session.StateHash());
    }

    [Fact]
    public async Task Without_a_fault_seed_no_fault_is_injected()
    {
        var sandbox = await LoadAsync();
        using var session = Open(sandbox, faultSeed: null);

        var outcome = await session.InvokeAsync("down", "{}", offeredOnly: true, CancellationToken.None);

        Assert.Equal("ran", outcome.Result);
        Assert.False(outcome.FaultInjected);
    }

    [Fact]
    public async Task Error_rate_one_half_follows_the_fault_seed()
    {
        var sandbox = await LoadAsync();

        var first = await FaultPatternAsync(sandbox, faultSeed: 7);
        var again = await FaultPatternAsync(sandbox, faultSeed: 7);
        var other = await FaultPatternAsync(sandbox, faultSeed: 8);

        Assert.Equal(first, again);
        Assert.NotEqual(first, other);
        Assert.Contains(true, first);
        Assert.Contains(false, first);
    }

    [Fact]
    public async Task Latency_waits_on_the_time_provider()
    {
        var sandbox = await LoadAsync();
        var time = new FakeTimeProvider(ClockNow);
        using var session = sandbox.OpenSession(faultSeed: 1, time, CancellationToken.None);

        var call = session.InvokeAsync("slow", "{}", offeredOnly: true, CancellationToken.None).AsTask();
        Assert.False(call.IsCompleted);
        time.Advance(TimeSpan.FromMilliseconds(4999));
        Assert.False(call.IsCompleted);
        time.Advance(TimeSpan.FromMilliseconds(1));
        var outcome = await call.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal("done", outcome.Result);
    }

    [Fact]
    public async Task Without_a_fault_seed_there_is_no_latency()
    {
        var sandbox = await LoadAsync();
        using var session = sandbox.OpenSession(faultSeed: null, new FakeTimeProvider(ClockNow), CancellationToken.None);

        var call = session.InvokeAsync("slow", "{}", offeredOnly: true, CancellationToken.None).AsTask();

        Assert.True(call.IsCompleted);
        Assert.Equal("done", (await call).Result);
    }

    [Fact]
    public async Task Ids_random_numbers_and_dates_repeat_across_sessions_and_the_date_is_the_spec_clock()
    {
        var sandbox = await LoadAsync();
        using var first = Open(sandbox, faultSeed: 1);
        using var second = Open(sandbox, faultSeed: 2);

        var firstCalls = new[] { await IdsAsync(first), await IdsAsync(first) };
        var secondCalls = new[] { await IdsAsync(second), await IdsAsync(second) };

        Assert.Equal(firstCalls, secondCalls);
        Assert.NotEqual(firstCalls[0], firstCalls[1]);
        using var document = JsonDocument.Parse(firstCalls[0]);
        var values = document.RootElement;
        Assert.Matches("^T[0-9A-F]{10}$", values.GetProperty("id").GetString());
        Assert.InRange(values.GetProperty("random").GetDouble(), 0, 1);
        Assert.InRange(values.GetProperty("mathRandom").GetDouble(), 0, 1);
        Assert.NotEqual(values.GetProperty("random").GetDouble(), values.GetProperty("mathRandom").GetDouble());
        Assert.Equal("2026-03-01T12:34:56.000Z", values.GetProperty("date").GetString());
        Assert.Equal(values.GetProperty("now").GetString(), values.GetProperty("date").GetString());
        Assert.Equal(ClockNow.ToUnixTimeMilliseconds(), values.GetProperty("dateNow").GetInt64());
    }

    [Fact]
    public async Task Same_actions_give_the_same_state_hash_whatever_reads_come_between()
    {
        var sandbox = await LoadAsync();
        using var direct = Open(sandbox, faultSeed: 1);
        using var chatty = Open(sandbox, faultSeed: 2);
        using var different = Open(sandbox, faultSeed: 1);

        await InvokeAllAsync(direct, ("put", """{"key": "a", "value": 1}"""), ("put", """{"key": "b", "value": 2}"""));
        await InvokeAllAsync(
            chatty,
            ("get", """{"key": "a"}"""),
            ("ids", "{}"),
            ("put", """{"key": "a", "value": 1}"""),
            ("weather", """{"city": "Paris"}"""),
            ("get", """{"key": "a"}"""),
            ("ids", "{}"),
            ("put", """{"key": "b", "value": 2}"""),
            ("get", """{"key": "b"}"""));
        await InvokeAllAsync(different, ("put", """{"key": "a", "value": 1}"""), ("put", """{"key": "b", "value": 3}"""));

        Assert.Equal(direct.StateHash(), chatty.StateHash());
        Assert.Equal(CanonicalJson.Serialize(direct.StateJson()), CanonicalJson.Serialize(chatty.StateJson()));
        Assert.NotEqual(direct.StateHash(), different.StateHash());
        Assert.Contains("\"id\":\"item-", direct.StateJson(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_sessions_state_changes_do_not_leak_into_another_session()
    {
        var sandbox = await LoadAsync();
        var initialHash = CanonicalJson.Hash(sandbox.InitialStateJson);
        using var writer = Open(sandbox);
        using var reader = Open(sandbox);

        var written = await writer.InvokeAsync("put", """{"key": "a", "value": 1}""", offeredOnly: true, CancellationToken.None);
        var read = await reader.InvokeAsync("get", """{"key": "a"}""", offeredOnly: true, CancellationToken.None);
        using var later = Open(sandbox);

        Assert.Contains("\"value\":1", written.Result, StringComparison.Ordinal);
        Assert.Equal("null", read.Result);
        Assert.Equal(initialHash, reader.StateHash());
        Assert.Equal(initialHash, later.StateHash());
        Assert.Equal(initialHash, CanonicalJson.Hash(sandbox.InitialStateJson));
        Assert.NotEqual(initialHash, writer.StateHash());
    }

    private static ToolSession Open(ToolSandbox sandbox, ulong? faultSeed = 1) =>
        sandbox.OpenSession(faultSeed, TimeProvider.System, CancellationToken.None);

    private static async Task<SandboxViolationException> ViolationAsync(ToolSandbox sandbox, string tool)
    {
        using var session = Open(sandbox);
        return await Assert.ThrowsAsync<SandboxViolationException>(
            async () => await session.InvokeAsync(tool, "{}", offeredOnly: true, CancellationToken.None));
    }

    private static async Task<bool[]> FaultPatternAsync(ToolSandbox sandbox, ulong faultSeed)
    {
        using var session = Open(sandbox, faultSeed);
        var pattern = new bool[32];
        for (var call = 0; call < pattern.Length; call++)
        {
            var outcome = await session.InvokeAsync("flaky", "{}", offeredOnly: true, CancellationToken.None);
            Assert.Equal(outcome.FaultInjected ? "Error: Service temporarily unavailable, please retry." : "ok", outcome.Result);
            pattern[call] = outcome.FaultInjected;
        }

        return pattern;
    }

    private static async Task<string> IdsAsync(ToolSession session) =>
        (await session.InvokeAsync("ids", "{}", offeredOnly: true, CancellationToken.None)).Result;

    private static async Task InvokeAllAsync(ToolSession session, params (string Tool, string Arguments)[] calls)
    {
        foreach (var (tool, arguments) in calls)
        {
            var outcome = await session.InvokeAsync(tool, arguments, offeredOnly: true, CancellationToken.None);
            Assert.True(outcome.Error is null, $"{tool} failed: {outcome.Result}");
        }
    }

    private async Task<ToolSandbox> LoadAsync(string limits = DefaultLimits)
    {
        LoadedEnvironment environment = await _folder.Write(Spec.Replace("{LIMITS}", limits, StringComparison.Ordinal)).LoadAsync();
        return environment.Tools;
    }
}
