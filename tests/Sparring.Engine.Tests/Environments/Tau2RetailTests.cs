using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Sparring.Engine.Environments;
using Sparring.Engine.State;
using Sparring.Engine.Tools;
using Xunit.Abstractions;

namespace Sparring.Engine.Tests.Environments;

/// <summary>Loads environments/tau2-retail once: the load replays every scenario's gold actions.</summary>
public sealed class Tau2RetailFixture : IAsyncLifetime
{
    private LoadedEnvironment? _environment;

    public LoadedEnvironment Environment => _environment ?? throw new InvalidOperationException("The environment is not loaded yet.");

    public TimeSpan LoadTime { get; private set; }

    public async Task InitializeAsync()
    {
        var watch = Stopwatch.StartNew();
        _environment = await new EnvironmentLoader().LoadAsync(RepositoryPaths.Environment("tau2-retail"));
        LoadTime = watch.Elapsed;
    }

    public Task DisposeAsync() => Task.CompletedTask;
}

/// <summary>
/// The tau2-retail port: what its tasks rely on, checked on real gold actions and hand-written calls against a
/// fresh copy of db.json. Expected numbers were computed with python3 from db.json (and Python's round(x, 2)),
/// as tau2-bench's tools compute them; each assertion says where its numbers come from.
/// </summary>
[Collection(Tau2RetailCollection.Name)]
public sealed class Tau2RetailTests(Tau2RetailFixture fixture, ITestOutputHelper output)
{
    private readonly LoadedEnvironment _environment = fixture.Environment;

    [Fact]
    public void Every_task_is_ported_with_a_gold_state_hash()
    {
        var scenarios = _environment.Spec.Scenarios;
        output.WriteLine($"LoadAsync of tau2-retail took {fixture.LoadTime.TotalSeconds:F1} s ({scenarios.Count} scenarios).");

        Assert.True(scenarios.Count >= 20);
        Assert.Equal(114, scenarios.Count);
        Assert.All(scenarios, s => Assert.Matches("^[0-9a-f]{64}$", _environment.GoldStateHashes[s.Id]));
        Assert.Equal(Enumerable.Range(0, 114).Select(i => $"task-{i}"), scenarios.Select(s => s.Id));

        // split_tasks.json: 74 train, 40 test.
        Assert.Equal(74, scenarios.Count(s => s.Split == "train"));
        Assert.Equal(40, scenarios.Count(s => s.Split == "test"));
        Assert.Equal(16, _environment.Tools.OfferedTools.Count);
    }

    [Fact]
    public void A_scenario_carries_the_task_persona_outputs_and_tags()
    {
        // tasks.json, task 16: two cancellations and a return, communicate_info ["8276.23"].
        var scenario = _environment.Scenario("task-16");

        Assert.Equal(Mood.Calm, scenario.Persona.Mood);
        Assert.StartsWith("You want to cancel", scenario.Persona.ReasonForCall, StringComparison.Ordinal);
        var known = Assert.Single(scenario.Persona.KnownInfo);
        Assert.Equal("identity and details", known.Key);
        Assert.Equal(new[] { "8276.23" }, scenario.Expected.Outputs);
        Assert.False(scenario.Expected.Transfer);
        Assert.Equal(new[] { "cancel", "return", "communicate" }, scenario.Tags);
    }

    [Fact]
    public void Tasks_that_end_in_a_transfer_expect_one()
    {
        // tasks.json: transfer_to_human_agents is a gold action of tasks 10, 12, 26 and 50.
        var transfers = _environment.Spec.Scenarios.Where(s => s.Expected.Transfer).Select(s => s.Id);

        Assert.Equal(new[] { "task-10", "task-12", "task-26", "task-50" }, transfers);
        Assert.Contains("transfer", _environment.Scenario("task-50").Tags);
    }

    [Fact]
    public void Gold_actions_that_tau2_expects_to_fail_are_left_out()
    {
        // Task 35's user first gives an email that is not theirs: tau2's gold actions try it ("User not found").
        var task35 = _environment.Scenario("task-35");
        Assert.Equal("aarav.santos8320@example.com", (string?)task35.Expected.Actions[0].Arguments["email"]);
        Assert.Contains("aarav.santos8321@example.com", task35.Description, StringComparison.Ordinal);

        // Task 105's only gold action is an exchange refused for the gift card's balance: the gold state is db.json.
        var task105 = _environment.Scenario("task-105");
        Assert.Empty(task105.Expected.Actions);
        Assert.Equal(CanonicalJson.Hash(_environment.Tools.InitialStateJson), _environment.GoldStateHashes["task-105"]);
    }

    [Fact]
    public async Task Cancel_refunds_a_gift_card_at_once()
    {
        using var session = Open();

        // Task 32 cancels #W9373487 (109.27) and #W5481803 (397.26), both paid with gift_card_7711863 of
        // olivia_lopez_3865, which holds 44.0 in db.json: 44.0 + 109.27 = 153.27, then + 397.26 = 550.53.
        await AssertSucceedsAsync(session, Gold("task-32", "cancel_pending_order", 0));
        Assert.Equal(153.27, Balance(session, "olivia_lopez_3865", "gift_card_7711863"));
        await AssertSucceedsAsync(session, Gold("task-32", "cancel_pending_order", 1));
        Assert.Equal(550.53, Balance(session, "olivia_lopez_3865", "gift_card_7711863"));

        var order = Order(session, "#W5481803");
        Assert.Equal("cancelled", (string?)order["status"]);
        Assert.Equal("no longer needed", (string?)order["cancel_reason"]);
        AssertPayments(order, ("payment", 397.26, "gift_card_7711863"), ("refund", 397.26, "gift_card_7711863"));
    }

    [Fact]
    public async Task Cancel_of_a_card_payment_records_the_refund_and_moves_no_balance()
    {
        using var session = Open();

        // Task 76 cancels #W8367380 of ava_nguyen_6646, paid 1003.22 by credit_card_5683823 ('ordered by mistake');
        // the user's gift_card_1994993 holds 78.0 and must keep it.
        await AssertSucceedsAsync(session, Gold("task-76", "cancel_pending_order", 0));

        var order = Order(session, "#W8367380");
        Assert.Equal("cancelled", (string?)order["status"]);
        Assert.Equal("ordered by mistake", (string?)order["cancel_reason"]);
        AssertPayments(order, ("payment", 1003.22, "credit_card_5683823"), ("refund", 1003.22, "credit_card_5683823"));
        Assert.Equal(78.0, Balance(session, "ava_nguyen_6646", "gift_card_1994993"));
    }

    [Fact]
    public async Task Return_records_the_items_sorted_and_the_refund_method()
    {
        using var session = Open();

        // Task 54 returns four items of #W4597054 (amelia_silva_7726) to gift_card_3491931, the original method, which
        // holds 73.0 in db.json and keeps it: the refund comes when the items are back.
        await AssertSucceedsAsync(session, Gold("task-54", "return_delivered_order_items", 0));

        var order = Order(session, "#W4597054");
        Assert.Equal("return requested", (string?)order["status"]);
        Assert.Equal(new[] { "4900990404", "5669664287", "6777246137", "9862136885" }, Strings(order["return_items"]));
        Assert.Equal("gift_card_3491931", (string?)order["return_payment_method_id"]);
        Assert.Single(order["payment_history"]!.AsArray());
        Assert.Equal(73.0, Balance(session, "amelia_silva_7726", "gift_card_3491931"));
    }

    [Fact]
    public async Task Return_may_go_to_a_gift_card_that_did_not_pay()
    {
        using var session = Open();

        // db.json: #W3113816 (delivered) of emma_santos_9753 was paid by credit_card_5869505; gift_card_6023546 is hers.
        var outcome = await CallAsync(session, "return_delivered_order_items", new { order_id = "#W3113816", item_ids = new[] { "4422467033" }, payment_method_id = "gift_card_6023546" });

        Assert.Null(outcome.Error);
        var order = Order(session, "#W3113816");
        Assert.Equal("return requested", (string?)order["status"]);
        Assert.Equal("gift_card_6023546", (string?)order["return_payment_method_id"]);
    }

    [Fact]
    public async Task Exchange_for_cheaper_items_records_a_negative_difference()
    {
        using var session = Open();

        // Task 0 exchanges, in #W2378156, keyboard 1151293680 (272.33) for 7706410293 (269.16) and thermostat
        // 4983901480 (262.47) for 7747408585 (249.01): round(-3.17 - 13.46, 2) = -16.63, refunded to credit_card_9513926.
        await AssertSucceedsAsync(session, Gold("task-0", "exchange_delivered_order_items", 0));

        var order = Order(session, "#W2378156");
        Assert.Equal("exchange requested", (string?)order["status"]);
        Assert.Equal(new[] { "1151293680", "4983901480" }, Strings(order["exchange_items"]));
        Assert.Equal(new[] { "7706410293", "7747408585" }, Strings(order["exchange_new_items"]));
        Assert.Equal(-16.63, order["exchange_price_difference"]!.GetValue<double>());
        Assert.Equal("credit_card_9513926", (string?)order["exchange_payment_method_id"]);
        Assert.Single(order["payment_history"]!.AsArray());
    }

    [Fact]
    public async Task Exchange_for_dearer_items_records_a_positive_difference_and_charges_nothing_yet()
    {
        using var session = Open();

        // Task 58, #W5838674: 7441167885 (2866.37) -> 3815173328 (2908.42) and 3478699712 (2291.87) -> 6017636844
        // (2292.37): round(42.05 + 0.50, 2) = 42.55, to be paid by gift_card_9368765 of ivan_hernandez_6923, which
        // holds 85.0 and keeps it.
        await AssertSucceedsAsync(session, Gold("task-58", "exchange_delivered_order_items", 0));

        var order = Order(session, "#W5838674");
        Assert.Equal("exchange requested", (string?)order["status"]);
        Assert.Equal(42.55, order["exchange_price_difference"]!.GetValue<double>());
        Assert.Equal("gift_card_9368765", (string?)order["exchange_payment_method_id"]);
        Assert.Equal(85.0, Balance(session, "ivan_hernandez_6923", "gift_card_9368765"));
    }

    [Fact]
    public async Task Modify_items_pays_the_difference_with_a_gift_card()
    {
        using var session = Open();

        // Task 21, #W9911714 of ethan_garcia_1261: shoe 9791469541 (147.05) -> 4107812777 (155.33) and keyboard
        // 1340995114 (235.13) -> 1421289881 (268.77). tau2 does not round this difference: 8.28 + 33.64 is
        // 41.91999999999999 in floating point, paid by gift_card_4332117: round(86.0 - 41.91999999999999, 2) = 44.08.
        await AssertSucceedsAsync(session, Gold("task-21", "modify_pending_order_items", 0));

        var order = Order(session, "#W9911714");
        Assert.Equal("pending (item modified)", (string?)order["status"]);
        AssertPayments(order, ("payment", 671.66, "paypal_3798357"), ("payment", 41.91999999999999, "gift_card_4332117"));
        Assert.Equal(44.08, Balance(session, "ethan_garcia_1261", "gift_card_4332117"));

        // As in tau2, every modified line takes the price and options of the last new variant (the keyboard's 268.77).
        var items = order["items"]!.AsArray();
        var shoe = items.Single(i => (string?)i!["item_id"] == "4107812777")!;
        var keyboard = items.Single(i => (string?)i!["item_id"] == "1421289881")!;
        Assert.Equal(268.77, shoe["price"]!.GetValue<double>());
        Assert.Equal(268.77, keyboard["price"]!.GetValue<double>());
        Assert.Equal("linear", (string?)shoe["options"]!["switch type"]);
    }

    [Fact]
    public async Task Modify_items_refunds_a_cheaper_change_to_a_gift_card()
    {
        using var session = Open();

        // Task 44, #W9300146 of aarav_anderson_8794: lamp 9190635437 (153.23) -> 5320792178 (135.24), a difference of
        // -17.98999999999998 refunded to gift_card_7245904: round(17.0 + 17.98999999999998, 2) = 34.99.
        await AssertSucceedsAsync(session, Gold("task-44", "modify_pending_order_items", 0));

        var order = Order(session, "#W9300146");
        Assert.Equal("pending (item modified)", (string?)order["status"]);
        AssertPayments(order, ("payment", 153.23, "gift_card_7245904"), ("refund", 17.98999999999998, "gift_card_7245904"));
        Assert.Equal(34.99, Balance(session, "aarav_anderson_8794", "gift_card_7245904"));
        var item = Assert.Single(order["items"]!.AsArray())!;
        Assert.Equal("5320792178", (string?)item["item_id"]);
        Assert.Equal(135.24, item["price"]!.GetValue<double>());
    }

    [Fact]
    public async Task Modify_payment_pays_with_the_new_method_and_refunds_the_old_one()
    {
        using var session = Open();

        // Task 40, #W4923227 of isabella_lopez_6490: 321.18 paid by credit_card_8554680 moves to credit_card_8897086.
        await AssertSucceedsAsync(session, Gold("task-40", "modify_pending_order_payment", 0));

        var order = Order(session, "#W4923227");
        Assert.Equal("pending", (string?)order["status"]);
        AssertPayments(
            order,
            ("payment", 321.18, "credit_card_8554680"),
            ("payment", 321.18, "credit_card_8897086"),
            ("refund", 321.18, "credit_card_8554680"));
    }

    [Fact]
    public async Task Modify_order_address_replaces_the_shipping_address_only()
    {
        using var session = Open();

        // Task 22 ships #W9911714 (pending) to 101 Highway, New York, NY 10001, with an empty second line.
        await AssertSucceedsAsync(session, Gold("task-22", "modify_pending_order_address", 0));

        var order = Order(session, "#W9911714");
        Assert.Equal("pending", (string?)order["status"]);
        AssertAddress(order["address"]!, "101 Highway", "", "New York", "NY", "USA", "10001");
        AssertAddress(User(session, "ethan_garcia_1261")["address"]!, "667 Highland Drive", "Suite 865", "Denver", "CO", "USA", "80280");
    }

    [Fact]
    public async Task Modify_user_address_replaces_the_default_address()
    {
        using var session = Open();

        // Task 33 moves noah_patel_6952 to 517 Lakeview Drive, Suite 183, Seattle, WA 98195.
        await AssertSucceedsAsync(session, Gold("task-33", "modify_user_address", 0));

        AssertAddress(User(session, "noah_patel_6952")["address"]!, "517 Lakeview Drive", "Suite 183", "Seattle", "WA", "USA", "98195");
    }

    [Theory]
    [InlineData("cancel_pending_order", """{"order_id":"#W2378156","reason":"no longer needed"}""", "Non-pending order cannot be cancelled")]
    [InlineData("cancel_pending_order", """{"order_id":"#W9373487","reason":"changed my mind"}""", "Invalid reason")]
    [InlineData("exchange_delivered_order_items", """{"order_id":"#W2378156","item_ids":["1151293680"],"new_item_ids":["9612497925"],"payment_method_id":"credit_card_9513926"}""", "Variant not found")]
    [InlineData("exchange_delivered_order_items", """{"order_id":"#W4316152","item_ids":["7292993796","7292993796"],"new_item_ids":["3761330360","9647374798"],"payment_method_id":"gift_card_7245904"}""", "Insufficient gift card balance to pay for the price difference")]
    [InlineData("exchange_delivered_order_items", """{"order_id":"#W2378156","item_ids":["1151293680","1151293680"],"new_item_ids":["7706410293","7706410293"],"payment_method_id":"credit_card_9513926"}""", "Number of 1151293680 not found.")]
    [InlineData("exchange_delivered_order_items", """{"order_id":"#W9373487","item_ids":[],"new_item_ids":[],"payment_method_id":"gift_card_7711863"}""", "Non-delivered order cannot be exchanged")]
    [InlineData("modify_pending_order_items", """{"order_id":"#W6779827","item_ids":["7896397433"],"new_item_ids":["2444431651"],"payment_method_id":"gift_card_7219486"}""", "Insufficient gift card balance to pay for the new item")]
    [InlineData("modify_pending_order_items", """{"order_id":"#W9911714","item_ids":["9791469541"],"new_item_ids":["9791469541"],"payment_method_id":"paypal_3798357"}""", "The new item id should be different from the old item id")]
    [InlineData("modify_pending_order_items", """{"order_id":"#W2378156","item_ids":[],"new_item_ids":[],"payment_method_id":"credit_card_9513926"}""", "Non-pending order cannot be modified")]
    [InlineData("modify_pending_order_payment", """{"order_id":"#W4923227","payment_method_id":"gift_card_8245350"}""", "Insufficient gift card balance to pay for the order")]
    [InlineData("modify_pending_order_payment", """{"order_id":"#W4923227","payment_method_id":"credit_card_8554680"}""", "The new payment method should be different from the current one")]
    [InlineData("return_delivered_order_items", """{"order_id":"#W4689314","item_ids":["5996159312"],"payment_method_id":"paypal_8194385"}""", "Payment method should be the original payment method")]
    [InlineData("return_delivered_order_items", """{"order_id":"#W4689314","item_ids":["5996159312"],"payment_method_id":"gift_card_0000000"}""", "Payment method not found")]
    [InlineData("return_delivered_order_items", """{"order_id":"#W4689314","item_ids":["1151293680"],"payment_method_id":"credit_card_8105988"}""", "Some item not found")]
    [InlineData("return_delivered_order_items", """{"order_id":"#W9373487","item_ids":[],"payment_method_id":"gift_card_7711863"}""", "Non-delivered order cannot be returned")]
    [InlineData("get_order_details", """{"order_id":"#W0000000"}""", "Order not found")]
    [InlineData("get_order_details", """{"order_id":"W2378156"}""", "Order not found")]
    [InlineData("get_order_details", """{"order_id":"constructor"}""", "Order not found")]
    [InlineData("get_order_details", """{"order_id":"__proto__"}""", "Order not found")]
    [InlineData("get_user_details", """{"user_id":"nobody_1234"}""", "User not found")]
    [InlineData("modify_user_address", """{"user_id":"nobody_1234","address1":"1 Main St","address2":"","city":"Austin","state":"TX","country":"USA","zip":"78701"}""", "User not found")]
    [InlineData("find_user_id_by_email", """{"email":"nobody@example.com"}""", "User not found")]
    [InlineData("find_user_id_by_name_zip", """{"first_name":"Yusuf","last_name":"Rossi","zip":"19123"}""", "User not found")]
    [InlineData("get_product_details", """{"product_id":"7706410293"}""", "Product not found")]
    [InlineData("get_item_details", """{"item_id":"1656367028"}""", "Item not found")]
    public async Task Refusals_give_tau2s_error_and_leave_the_state_unchanged(string tool, string arguments, string error)
    {
        using var session = Open();
        var before = session.StateHash();

        var outcome = await session.InvokeAsync(tool, arguments, offeredOnly: true, CancellationToken.None);

        Assert.Equal("Error: " + error, outcome.Result);
        Assert.True(outcome.Valid);
        Assert.Equal(before, session.StateHash());
    }

    [Fact]
    public async Task Lookups_match_like_tau2()
    {
        using var session = Open();

        // db.json: yusuf_rossi_9620 has email yusuf.rossi7301@example.com and zip 19122; email and names ignore case.
        Assert.Equal("yusuf_rossi_9620", (await CallAsync(session, "find_user_id_by_email", new { email = "Yusuf.Rossi7301@EXAMPLE.com" })).Result);
        Assert.Equal("yusuf_rossi_9620", (await CallAsync(session, "find_user_id_by_name_zip", new { first_name = "yusuf", last_name = "ROSSI", zip = "19122" })).Result);

        // An order comes back as tau2's model dumps it: every optional field present, null when unset.
        var order = JsonNode.Parse((await CallAsync(session, "get_order_details", new { order_id = "#W2378156" })).Result)!.AsObject();
        Assert.Equal("delivered", (string?)order["status"]);
        Assert.True(order.ContainsKey("cancel_reason"));
        Assert.Null(order["cancel_reason"]);
        Assert.Null(order["exchange_price_difference"]);

        // 1656367028 is the mechanical keyboard product; 7706410293 one of its items (269.16).
        var item = JsonNode.Parse((await CallAsync(session, "get_item_details", new { item_id = "7706410293" })).Result)!;
        Assert.Equal(269.16, item["price"]!.GetValue<double>());
    }

    [Fact]
    public async Task List_all_product_types_is_the_same_text_as_tau2s()
    {
        using var session = Open();

        // python3: json.dumps({p["name"]: p["product_id"] for p in db["products"].values()}, sort_keys=True),
        // 1,478 characters with that SHA-256.
        var text = (await CallAsync(session, "list_all_product_types", new { })).Result;

        Assert.StartsWith("""{"Action Camera": "3377618313", "Air Purifier": "3821016478", "Backpack": "2524789262", """, text, StringComparison.Ordinal);
        Assert.Equal(1478, text.Length);
        Assert.Equal("6765f563339e732cb768f71d24e5a3fd015db09627684bb76ee18f68b335cb55", Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text))));
    }

    [Theory]
    [InlineData("3131.1 + 4777.75 + 367.38", "8276.23")]
    [InlineData("155.33 - 147.05 + 268.77 - 235.13", "41.92")]
    [InlineData("2 + 2", "4.0")]
    [InlineData("2.675", "2.67")]
    [InlineData("0.125", "0.12")]
    [InlineData("0.375", "0.38")]
    [InlineData("-2 ** 2", "-4.0")]
    [InlineData("7 // -2", "-4.0")]
    [InlineData("10 ** 16", "1e+16")]
    [InlineData("1 / 0", "Error: division by zero")]
    [InlineData("1.0 // 0", "Error: float floor division by zero")]
    [InlineData("2 + x", "Error: Invalid characters in expression")]
    [InlineData("2 * (3 + 4", "Error: '(' was never closed (<string>, line 1)")]
    [InlineData("2 +", "Error: invalid syntax (<string>, line 1)")]
    [InlineData("007", "Error: leading zeros in decimal integer literals are not permitted; use an 0o prefix for octal integers (<string>, line 1)")]
    [InlineData("(2)(3)", "Error: 'int' object is not callable")]
    public async Task Calculate_answers_as_python_does(string expression, string expected)
    {
        // Expected texts: python3, str(round(float(eval(expression)), 2)) or "Error: " + str(exception), as tau2 does.
        using var session = Open();

        Assert.Equal(expected, (await CallAsync(session, "calculate", new { expression })).Result);
    }

    private ToolSession Open() => _environment.Tools.OpenSession(faultSeed: null, TimeProvider.System, CancellationToken.None);

    private GoldAction Gold(string scenarioId, string tool, int occurrence) =>
        _environment.Scenario(scenarioId).Expected.Actions.Where(a => a.Name == tool).ElementAt(occurrence);

    private static async Task AssertSucceedsAsync(ToolSession session, GoldAction action)
    {
        var outcome = await session.InvokeAsync(action.Name, action.Arguments.ToJsonString(), offeredOnly: true, CancellationToken.None);
        Assert.Null(outcome.Error);
    }

    private static async Task<ToolOutcome> CallAsync(ToolSession session, string tool, object arguments) =>
        await session.InvokeAsync(tool, JsonSerializer.Serialize(arguments), offeredOnly: true, CancellationToken.None);

    private static JsonNode Order(ToolSession session, string orderId) => session.StateNode()!["orders"]![orderId]!;

    private static JsonNode User(ToolSession session, string userId) => session.StateNode()!["users"]![userId]!;

    private static double Balance(ToolSession session, string userId, string giftCard) =>
        User(session, userId)["payment_methods"]![giftCard]!["balance"]!.GetValue<double>();

    private static string[] Strings(JsonNode? list) => list!.AsArray().Select(s => (string)s!).ToArray();

    private static void AssertPayments(JsonNode order, params (string Type, double Amount, string Method)[] expected)
    {
        var actual = order["payment_history"]!.AsArray()
            .Select(p => ((string)p!["transaction_type"]!, p["amount"]!.GetValue<double>(), (string)p["payment_method_id"]!))
            .ToArray();
        Assert.Equal(expected, actual);
    }

    private static void AssertAddress(JsonNode address, string address1, string address2, string city, string state, string country, string zip)
    {
        Assert.Equal(address1, (string?)address["address1"]);
        Assert.Equal(address2, (string?)address["address2"]);
        Assert.Equal(city, (string?)address["city"]);
        Assert.Equal(state, (string?)address["state"]);
        Assert.Equal(country, (string?)address["country"]);
        Assert.Equal(zip, (string?)address["zip"]);
    }
}
