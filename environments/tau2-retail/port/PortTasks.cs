#:project ../../../functions/Sparring.Engine/Sparring.Engine.csproj

// Generates environments/tau2-retail/scenarios.json from tau2-bench's retail tasks.json and split_tasks.json.
// From the repository root: dotnet run environments/tau2-retail/port/PortTasks.cs [-- <folder holding tasks.json>]
// (default ../shared/data/tau2-retail beside the repository). The output is deterministic: a re-run gives the same file.
//
// tau2 replays gold actions and tolerates the ones that fail (a lookup with the wrong email the user first
// gives, an exchange the task expects to be refused): they leave the database as it was. Sparring's loader
// requires every gold action to succeed, so each task is replayed here with our tools first: a failing action
// that leaves the state unchanged is left out (and named in the scenario's description); a task whose failing
// action changes the state, or breaks the sandbox, is not ported.
using System.Runtime.CompilerServices;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Sparring.Engine.Environments;
using Sparring.Engine.Tools;
using YamlDotNet.RepresentationModel;

var environmentFolder = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(SourceFile())!, ".."));
var dataFolder = args.Length > 0 ? args[0] : Path.GetFullPath(Path.Combine(environmentFolder, "..", "..", "..", "shared", "data", "tau2-retail"));
var tasks = JsonNode.Parse(File.ReadAllText(Path.Combine(dataFolder, "tasks.json")))!.AsArray();
var splits = JsonNode.Parse(File.ReadAllText(Path.Combine(dataFolder, "split_tasks.json")))!.AsObject();
var testIds = splits["test"]!.AsArray().Select(id => (string)id!).ToHashSet(StringComparer.Ordinal);

var tools = await LoadToolsAsync(environmentFolder);
var scenarios = new JsonArray();
var notPorted = new List<string>();
var dropped = 0;
foreach (var task in tasks)
{
    var id = (string)task!["id"]!;
    var actions = task["evaluation_criteria"]!["actions"]!.AsArray()
        .Select(a => new GoldAction { Name = (string)a!["name"]!, Arguments = a["arguments"]!.DeepClone().AsObject() })
        .ToList();
    var replay = await ReplayAsync(tools, actions);
    if (replay.Refusal is { } refusal)
    {
        notPorted.Add($"task {id}: {refusal}");
        continue;
    }

    dropped += replay.Failed.Count;
    scenarios.Add((JsonNode)Scenario(task, id, testIds.Contains(id) ? "test" : "train", replay));
}

var options = new JsonSerializerOptions { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
var output = Path.Combine(environmentFolder, "scenarios.json");
await File.WriteAllTextAsync(output, scenarios.ToJsonString(options) + "\n");
Console.WriteLine($"Ported {scenarios.Count} of {tasks.Count} tasks to {output} ({dropped} failing gold actions left out).");
foreach (var line in notPorted)
{
    Console.WriteLine($"Not ported: {line}");
}

// The generated scenarios must load: the loader replays every one of them.
var watch = System.Diagnostics.Stopwatch.StartNew();
var loaded = await new EnvironmentLoader().LoadAsync(environmentFolder);
Console.WriteLine($"Loaded {loaded.Spec.Scenarios.Count} scenarios in {watch.Elapsed.TotalSeconds:F1} s.");

static JsonObject Scenario(JsonNode task, string id, string split, Replay replay)
{
    var instructions = task["user_scenario"]!["instructions"]!;
    var criteria = task["evaluation_criteria"]!;
    var persona = new JsonObject
    {
        ["reasonForCall"] = (string)instructions["reason_for_call"]!,
        ["mood"] = "calm",
    };
    if (Text(instructions["task_instructions"]) is { } taskInstructions)
    {
        persona["taskInstructions"] = taskInstructions;
    }

    if (Text(instructions["known_info"]) is { } known)
    {
        persona["knownInfo"] = new JsonArray(new JsonObject { ["key"] = "identity and details", ["value"] = known });
    }

    if (Text(instructions["unknown_info"]) is { } unknown)
    {
        persona["unknownInfo"] = new JsonArray(new JsonObject { ["key"] = unknown });
    }

    var outputs = criteria["communicate_info"]?.AsArray().Select(o => (string)o!).ToList() ?? [];
    var transfer = replay.Kept.Any(a => a.Name == "transfer_to_human_agents");
    var expected = new JsonObject
    {
        ["actions"] = new JsonArray(replay.Kept.Select(a => (JsonNode)new JsonObject { ["name"] = a.Name, ["arguments"] = a.Arguments.DeepClone() }).ToArray()),
        ["outputs"] = new JsonArray(outputs.Select(o => (JsonNode)o).ToArray()),
        ["assertions"] = new JsonArray((criteria["nl_assertions"]?.AsArray() ?? []).Select(a => (JsonNode)(string)a!).ToArray()),
        ["transfer"] = transfer,
    };

    var scenario = new JsonObject
    {
        ["id"] = $"task-{id}",
        ["split"] = split,
        ["tags"] = new JsonArray(Tags(replay.Kept, outputs.Count > 0).Select(t => (JsonNode)t).ToArray()),
    };
    if (Description(task, replay.Failed) is { } description)
    {
        scenario["description"] = description;
    }

    scenario["persona"] = persona;
    scenario["expected"] = expected;
    return scenario;
}

// Action kinds, so graders and reports can select on them; 'communicate' marks the scenarios the outputs grader judges.
static IEnumerable<string> Tags(IReadOnlyList<GoldAction> actions, bool communicates)
{
    var names = actions.Select(a => a.Name).ToHashSet(StringComparer.Ordinal);
    var kinds = new (string Tool, string[] Tags)[]
    {
        ("cancel_pending_order", ["cancel"]),
        ("return_delivered_order_items", ["return"]),
        ("exchange_delivered_order_items", ["exchange"]),
        ("modify_pending_order_items", ["modify", "modify-items"]),
        ("modify_pending_order_address", ["modify", "modify-address"]),
        ("modify_pending_order_payment", ["modify", "modify-payment"]),
        ("modify_user_address", ["modify", "modify-user-address"]),
        ("transfer_to_human_agents", ["transfer"]),
    };
    var tags = kinds.Where(k => names.Contains(k.Tool)).SelectMany(k => k.Tags).Distinct().ToList();
    if (!kinds.Any(k => k.Tool != "transfer_to_human_agents" && names.Contains(k.Tool)))
    {
        tags.Add("no-write");
    }

    if (communicates)
    {
        tags.Add("communicate");
    }

    return tags;
}

// tau2's own notes and the gold actions left out, so that nothing of the task is lost.
static string? Description(JsonNode task, IReadOnlyList<FailedAction> failed)
{
    var lines = new List<string>();
    if (task["description"] is JsonObject description)
    {
        foreach (var key in new[] { "purpose", "relevant_policies", "notes" })
        {
            if (Text(description[key]) is { } text)
            {
                lines.Add($"{key}: {text}");
            }
        }
    }

    foreach (var action in failed)
    {
        lines.Add($"tau2 gold action {action.Index + 1} ({action.Name} {action.Arguments}) fails by design ({action.Error}) and changes nothing; it is left out.");
    }

    return lines.Count == 0 ? null : string.Join("\n", lines);
}

static string? Text(JsonNode? node) =>
    node is JsonValue value && value.TryGetValue<string>(out var text) && !string.IsNullOrWhiteSpace(text) ? text : null;

// Loads the environment's tools through a copy of its spec whose scenarios are replaced by one without
// actions, so that the tools can be used before (and whatever) scenarios.json holds.
static async Task<ToolSandbox> LoadToolsAsync(string environmentFolder)
{
    var yaml = new YamlStream();
    using (var reader = new StreamReader(Path.Combine(environmentFolder, "environment.yaml")))
    {
        yaml.Load(reader);
    }

    var root = (YamlMappingNode)yaml.Documents[0].RootNode;
    root.Children.Remove(new YamlScalarNode("scenarioFiles"));
    root.Children.Add(new YamlScalarNode("scenarios"), new YamlSequenceNode(new YamlMappingNode(
        new YamlScalarNode("id"), new YamlScalarNode("probe"),
        new YamlScalarNode("persona"), new YamlMappingNode(new YamlScalarNode("reasonForCall"), new YamlScalarNode("probe")),
        new YamlScalarNode("expected"), new YamlMappingNode())));

    // Beside the original, because a spec may only refer to files in its own folder.
    var probe = Path.Combine(environmentFolder, $".probe-{Environment.ProcessId}.yaml");
    try
    {
        await using (var writer = new StreamWriter(probe))
        {
            yaml.Save(writer, assignAnchors: false);
        }

        return (await new EnvironmentLoader().LoadAsync(probe)).Tools;
    }
    finally
    {
        File.Delete(probe);
    }
}

static async Task<Replay> ReplayAsync(ToolSandbox tools, IReadOnlyList<GoldAction> actions)
{
    var kept = new List<GoldAction>();
    var failed = new List<FailedAction>();
    using var session = tools.OpenSession(faultSeed: null, TimeProvider.System, CancellationToken.None);
    for (var i = 0; i < actions.Count; i++)
    {
        ToolOutcome outcome;
        try
        {
            outcome = await session.InvokeAsync(actions[i].Name, actions[i].Arguments.ToJsonString(), offeredOnly: false, CancellationToken.None);
        }
        catch (SandboxViolationException ex)
        {
            return new Replay(kept, failed, $"gold action {i + 1} ({actions[i].Name}) breaks the sandbox: {ex.Message}");
        }

        if (outcome.Error is null)
        {
            kept.Add(actions[i]);
            continue;
        }

        if (!await LeavesStateUnchangedAsync(tools, kept, actions[i]))
        {
            return new Replay(kept, failed, $"gold action {i + 1} ({actions[i].Name}) fails ({outcome.Error}) after changing the state");
        }

        failed.Add(new FailedAction(i, actions[i].Name, actions[i].Arguments.ToJsonString(), outcome.Error));
    }

    return new Replay(kept, failed, null);
}

// Failures are few, so the check replays the kept actions on a fresh session rather than hashing the
// 2.8 MB state before every action.
static async Task<bool> LeavesStateUnchangedAsync(ToolSandbox tools, IReadOnlyList<GoldAction> before, GoldAction failing)
{
    using var session = tools.OpenSession(faultSeed: null, TimeProvider.System, CancellationToken.None);
    foreach (var action in before)
    {
        await session.InvokeAsync(action.Name, action.Arguments.ToJsonString(), offeredOnly: false, CancellationToken.None);
    }

    var hash = session.StateHash();
    await session.InvokeAsync(failing.Name, failing.Arguments.ToJsonString(), offeredOnly: false, CancellationToken.None);
    return session.StateHash() == hash;
}

static string SourceFile([CallerFilePath] string path = "") => path;

internal sealed record FailedAction(int Index, string Name, string Arguments, string Error);

internal sealed record Replay(IReadOnlyList<GoldAction> Kept, IReadOnlyList<FailedAction> Failed, string? Refusal);
