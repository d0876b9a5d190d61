using Sparring.Engine.Environments;
using Sparring.Engine.Tests.Environments;
using Sparring.Engine.Tools;

namespace Sparring.Engine.Tests.Tools;

/// <summary>
/// The sandbox's memo of outcomes by call history: every answer it gives is the one an engine of its own would give a
/// session, whatever other sessions did, and it forgets what is not deterministic.
/// </summary>
public sealed class ToolMemoTests : IDisposable
{
    private const string DefaultLimits = """
          sandbox:
            maxStatements: 10000
            timeoutMs: 2000
        """;

    private const string Spec = """
        name: memo
        version: "1"
        agent:
          instructions: Exercise the memo.
        library: |
          var puts = 0;
        tools:
          - name: put
            description: Stores an item; counts puts in a library global.
            parameters:
              type: object
              properties:
                key: { type: string }
                value: { type: integer }
              required: [key, value]
            script: |
              (args, state, ctx) => {
                puts++;
                state.items[args.key] = { value: args.value, id: ctx.newId("item-"), score: ctx.random(), put: puts };
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
          - name: take
            description: Counts the attempt, then removes the item or says there is none.
            parameters:
              type: object
              properties:
                key: { type: string }
              required: [key]
            script: |
              (args, state, ctx) => {
                state.attempts = (state.attempts ?? 0) + 1;
                if (!(args.key in state.items)) { throw new Error("no item " + args.key); }
                delete state.items[args.key];
                return "taken";
              }
          - name: spin
            description: Writes, then never returns.
            parameters: { type: object }
            script: "(args, state, ctx) => { state.spun = true; while (true) {} }"
          - name: weather
            description: Canned weather.
            readOnly: true
            parameters: { type: object }
            responses:
              - result: Sunny
        state:
          items: {}
        clock:
          now: "2026-03-01T12:34:56Z"
        limits:
        {LIMITS}
        scenarios:
          - id: noop
            persona: { reasonForCall: testing }
            expected:
              actions:
                - { name: put, arguments: { key: gold, value: 1 } }
        graders:
          - { name: state, type: state_match }
        reward:
          weights: { state: 1 }
        """;

    private static readonly (string Tool, string Arguments)[] Alphabet =
    [
        ("put", """{"key": "a", "value": 1}"""),
        ("put", """{"value": 2, "key": "a"}"""),
        ("put", """{"key": "b", "value": 1}"""),
        ("get", """{"key": "a"}"""),
        ("get", """{"key": "b"}"""),
        ("take", """{"key": "a"}"""),
        ("take", """{"key": "b"}"""),
        ("weather", "{}"),
        ("put", """{"key": "a"}"""),
    ];

    private readonly SpecFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task A_hit_gives_the_outcome_and_hash_a_miss_gave_without_an_engine()
    {
        var (memo, plain) = await LoadBothAsync();
        (string, string)[] calls = [Alphabet[0], Alphabet[3], Alphabet[2], Alphabet[5], Alphabet[5], Alphabet[0]];

        var expected = await RunAsync(plain, calls);
        var miss = await RunAsync(memo, calls);
        var nodes = memo.MemoNodes;
        using var hit = Open(memo);
        var hitOutcomes = new List<ToolOutcome>();
        foreach (var (tool, arguments) in calls)
        {
            hitOutcomes.Add(await hit.InvokeAsync(tool, arguments, offeredOnly: true, CancellationToken.None));
        }

        var hitHash = hit.StateHash();

        Assert.Equal(expected, miss);
        Assert.Equal(expected.Outcomes, hitOutcomes);
        Assert.Equal(expected.Hash, hitHash);
        Assert.False(hit.HasEngine);
        Assert.Equal(nodes, memo.MemoNodes);
        Assert.Contains(expected.Outcomes, o => o.Error == "no item a");
    }

    [Fact]
    public async Task Each_history_diverging_from_a_shared_prefix_gets_its_own_outcomes_and_hash()
    {
        var (memo, plain) = await LoadBothAsync();
        (string, string)[][] histories =
        [
            [Alphabet[0], Alphabet[2], Alphabet[3]],
            [Alphabet[0], Alphabet[2], Alphabet[5], Alphabet[3]],
            [Alphabet[0], Alphabet[1], Alphabet[3]],
            [Alphabet[0], Alphabet[3]],
            [Alphabet[0], Alphabet[2], Alphabet[6], Alphabet[4]],
            [Alphabet[0]],
            [],
        ];

        foreach (var history in histories)
        {
            Assert.Equal(await RunAsync(plain, history), await RunAsync(memo, history));
        }

        // Again, now that every history is known: answered without an engine and still the same.
        foreach (var history in histories)
        {
            Assert.Equal(await RunAsync(plain, history), await RunAsync(memo, history, expectEngine: false));
        }
    }

    [Fact]
    public async Task A_miss_after_known_calls_replays_them_so_seeds_globals_and_state_continue()
    {
        var (memo, plain) = await LoadBothAsync();
        (string, string)[] known = [Alphabet[0], Alphabet[0], Alphabet[2]];
        await RunAsync(memo, known);

        // put a twice (the second call's seed counts the first), put b, then new calls: a get, and put's library counter.
        (string, string)[] extended = [.. known, Alphabet[3], ("put", """{"key": "c", "value": 3}""")];
        var expected = await RunAsync(plain, extended);
        var actual = await RunAsync(memo, extended);

        Assert.Equal(expected, actual);
        Assert.Contains("\"put\":4", actual.Outcomes[^1].Result, StringComparison.Ordinal);
    }

    [Fact]
    public async Task One_sessions_writes_are_never_visible_in_another_sessions_answers()
    {
        var (memo, _) = await LoadBothAsync();
        var initialHash = await HashAfterAsync(memo);
        using var writer = Open(memo);
        using var reader = Open(memo);

        var written = await writer.InvokeAsync("put", """{"key": "a", "value": 1}""", offeredOnly: true, CancellationToken.None);
        var read = await reader.InvokeAsync("get", """{"key": "a"}""", offeredOnly: true, CancellationToken.None);
        var readAgain = await reader.InvokeAsync("get", """{"key": "a"}""", offeredOnly: true, CancellationToken.None);
        var writerRead = await writer.InvokeAsync("get", """{"key": "a"}""", offeredOnly: true, CancellationToken.None);
        using var later = Open(memo);
        var laterRead = await later.InvokeAsync("get", """{"key": "a"}""", offeredOnly: true, CancellationToken.None);

        Assert.Contains("\"value\":1", written.Result, StringComparison.Ordinal);
        Assert.Equal("null", read.Result);
        Assert.Equal("null", readAgain.Result);
        Assert.Equal(written.Result, writerRead.Result);
        Assert.Equal("null", laterRead.Result);
        Assert.False(later.HasEngine);
        Assert.Equal(initialHash, reader.StateHash());
        Assert.Equal(initialHash, later.StateHash());
        Assert.NotEqual(initialHash, writer.StateHash());
    }

    [Fact]
    public async Task A_violation_is_not_remembered_nor_anything_after_it()
    {
        var (memo, plain) = await LoadBothAsync();
        (string, string)[] before = [Alphabet[0]];
        await RunAsync(memo, before);
        var nodes = memo.MemoNodes;

        for (var attempt = 0; attempt < 2; attempt++)
        {
            using var session = Open(memo);
            await session.InvokeAsync("put", """{"key": "a", "value": 1}""", offeredOnly: true, CancellationToken.None);
            var violation = await Assert.ThrowsAsync<SandboxViolationException>(
                async () => await session.InvokeAsync("spin", "{}", offeredOnly: true, CancellationToken.None));
            var after = await session.InvokeAsync("get", """{"key": "a"}""", offeredOnly: true, CancellationToken.None);

            Assert.Equal("tool 'spin' exceeded its statement limit (10,000 statements per call)", violation.Message);
            Assert.Contains("\"value\":1", after.Result, StringComparison.Ordinal);
            Assert.Contains("\"spun\":true", session.StateJson(), StringComparison.Ordinal);
            Assert.Equal(nodes, memo.MemoNodes);
        }

        using var clean = Open(memo);
        await clean.InvokeAsync("put", """{"key": "a", "value": 1}""", offeredOnly: true, CancellationToken.None);
        Assert.Equal((await RunAsync(plain, before)).Hash, clean.StateHash());
        Assert.False(clean.HasEngine);
    }

    [Fact]
    public async Task Invalid_calls_faults_and_canned_answers_take_no_place_in_the_history()
    {
        var (memo, plain) = await LoadBothAsync();
        (string, string)[] calls = [Alphabet[8], ("teleport", "{}"), Alphabet[7], ("put", "{"), Alphabet[0], Alphabet[7], Alphabet[3]];

        var before = memo.MemoNodes;
        var expected = await RunAsync(plain, calls);
        var actual = await RunAsync(memo, calls);

        Assert.Equal(expected, actual);
        Assert.Equal(before + 2, memo.MemoNodes);
    }

    [Fact]
    public async Task The_memo_stops_growing_at_its_node_bound_and_answers_stay_the_same()
    {
        var plain = await LoadAsync(ToolMemoOptions.Disabled);
        var memo = await LoadAsync(new ToolMemoOptions { MaxNodes = 3 });
        var calls = Enumerable.Range(0, 8).Select(i => ("put", $$"""{"key": "k{{i}}", "value": {{i}}}""")).ToArray();

        var expected = await RunAsync(plain, calls);
        var first = await RunAsync(memo, calls);
        var second = await RunAsync(memo, calls);

        Assert.Equal(expected, first);
        Assert.Equal(expected, second);
        Assert.Equal(3, memo.MemoNodes);
        Assert.Equal(0, plain.MemoNodes);
    }

    [Fact]
    public async Task The_memo_stops_growing_at_its_byte_bound()
    {
        var plain = await LoadAsync(ToolMemoOptions.Disabled);
        var memo = await LoadAsync(new ToolMemoOptions { MaxBytes = 2_000 });
        var calls = Enumerable.Range(0, 20).Select(i => ("put", $$"""{"key": "k{{i}}", "value": {{i}}}""")).ToArray();

        Assert.Equal(await RunAsync(plain, calls), await RunAsync(memo, calls));
        Assert.InRange(memo.MemoBytes, 1, 2_000);
        Assert.InRange(memo.MemoNodes, 1, 10);
    }

    [Fact]
    public async Task Concurrent_sessions_get_the_answers_of_sessions_without_the_memo()
    {
        var (memo, plain) = await LoadBothAsync();
        var random = new DeterministicRandom(11);
        var histories = Enumerable.Range(0, 120)
            .Select(_ => Enumerable.Range(0, 1 + random.Next(6)).Select(_ => Alphabet[random.Next(Alphabet.Length)]).ToArray())
            .ToArray();
        var expected = new Dictionary<string, Run>(StringComparer.Ordinal);
        foreach (var history in histories)
        {
            expected[Key(history)] = await RunAsync(plain, history);
        }

        var actual = new Run[histories.Length * 4];
        await Parallel.ForEachAsync(
            Enumerable.Range(0, actual.Length),
            new ParallelOptions { MaxDegreeOfParallelism = 8 },
            async (i, _) => actual[i] = await RunAsync(memo, histories[i % histories.Length]));

        for (var i = 0; i < actual.Length; i++)
        {
            Assert.Equal(expected[Key(histories[i % histories.Length])], actual[i]);
        }

        // Besides the gold replay's call, at most one node per call made.
        Assert.InRange(memo.MemoNodes, 2, 1 + histories.Sum(h => h.Length));
    }

    [Fact]
    public async Task A_cancelled_session_is_refused_even_when_the_memo_knows_the_answer()
    {
        var (memo, _) = await LoadBothAsync();
        await RunAsync(memo, [Alphabet[0]]);
        using var cancellation = new CancellationTokenSource();
        using var session = memo.OpenSession(faultSeed: 1, TimeProvider.System, cancellation.Token);
        await cancellation.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(
            async () => await session.InvokeAsync(Alphabet[0].Tool, Alphabet[0].Arguments, offeredOnly: true, CancellationToken.None));
    }

    [Fact]
    public async Task A_call_cancelled_halfway_leaves_its_state_to_its_session_alone()
    {
        var sandbox = await LoadAsync(new ToolMemoOptions(), """
              sandbox:
                maxStatements: 2000000000
                timeoutMs: 60000
            """);
        var initialHash = await HashAfterAsync(sandbox);
        using var cancellation = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));
        using var session = sandbox.OpenSession(faultSeed: 1, TimeProvider.System, cancellation.Token);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(
            async () => await session.InvokeAsync("spin", "{}", offeredOnly: true, CancellationToken.None));

        Assert.Contains("\"spun\":true", session.StateJson(), StringComparison.Ordinal);
        Assert.NotEqual(initialHash, session.StateHash());
        Assert.Equal(initialHash, await HashAfterAsync(sandbox));
    }

    [Fact]
    public async Task A_session_whose_engine_cannot_be_set_up_keeps_its_history()
    {
        var (memo, plain) = await LoadBothAsync();
        var expected = await RunAsync(plain, [Alphabet[0]]);
        await RunAsync(memo, [Alphabet[0]]);
        using var cancellation = new CancellationTokenSource();
        using var session = memo.OpenSession(faultSeed: 1, TimeProvider.System, cancellation.Token);
        await session.InvokeAsync(Alphabet[0].Tool, Alphabet[0].Arguments, offeredOnly: true, CancellationToken.None);
        await cancellation.CancelAsync();

        // The first new call needs an engine, which a cancelled session cannot set up; its state is still "put a".
        await Assert.ThrowsAnyAsync<Exception>(
            async () => await session.InvokeAsync(Alphabet[4].Tool, Alphabet[4].Arguments, offeredOnly: true, CancellationToken.None));

        Assert.Equal(expected.Hash, session.StateHash());
    }

    [Fact]
    public async Task Gold_replays_at_load_leave_their_histories_and_hashes_in_the_memo()
    {
        var environment = await _folder.Write(Spec.Replace("{LIMITS}", DefaultLimits, StringComparison.Ordinal)).LoadAsync();
        using var session = Open(environment.Tools);

        await session.InvokeAsync("put", """{"key": "gold", "value": 1}""", offeredOnly: false, CancellationToken.None);

        Assert.Equal(environment.GoldStateHashes["noop"], session.StateHash());
        Assert.False(session.HasEngine);
    }

    private static string Key((string Tool, string Arguments)[] history) => string.Join("\n", history.Select(c => c.Tool + " " + c.Arguments));

    private static ToolSession Open(ToolSandbox sandbox) => sandbox.OpenSession(faultSeed: 1, TimeProvider.System, CancellationToken.None);

    private static async Task<string> HashAfterAsync(ToolSandbox sandbox) => (await RunAsync(sandbox, [])).Hash;

    private static async Task<Run> RunAsync(ToolSandbox sandbox, (string Tool, string Arguments)[] calls, bool? expectEngine = null)
    {
        using var session = Open(sandbox);
        var outcomes = new List<ToolOutcome>();
        foreach (var (tool, arguments) in calls)
        {
            outcomes.Add(await session.InvokeAsync(tool, arguments, offeredOnly: true, CancellationToken.None));
        }

        var hash = session.StateHash();
        if (expectEngine is { } engine)
        {
            Assert.Equal(engine, session.HasEngine);
        }

        return new Run(outcomes, hash);
    }

    private async Task<(ToolSandbox Memo, ToolSandbox Plain)> LoadBothAsync() =>
        (await LoadAsync(new ToolMemoOptions()), await LoadAsync(ToolMemoOptions.Disabled));

    private async Task<ToolSandbox> LoadAsync(ToolMemoOptions options, string limits = DefaultLimits)
    {
        LoadedEnvironment environment = await _folder.Write(Spec.Replace("{LIMITS}", limits, StringComparison.Ordinal)).LoadAsync(options);
        return environment.Tools;
    }

    // Outcomes compare by value, in order.
    private sealed record Run(IReadOnlyList<ToolOutcome> Outcomes, string Hash)
    {
        public bool Equals(Run? other) => other is not null && Hash == other.Hash && Outcomes.SequenceEqual(other.Outcomes);

        public override int GetHashCode() => Hash.GetHashCode(StringComparison.Ordinal);
    }
}
