using System.Text.Json.Nodes;
using Sparring.Engine.Tools;

namespace Sparring.Samples.Tests.MedicalSupply;

/// <summary>The business rules of the medical-supply tools, called directly on a fresh state.</summary>
[Collection(MedicalSupplyCollection.Name)]
public sealed class ToolRulesTests(MedicalSupplyEnvironment fixture)
{
    [Theory]
    [InlineData("cancel_order", """{"order_id":"ORD-20048","reason":"other"}""", "has already been dispatched")]
    [InlineData("cancel_order", """{"order_id":"ORD-20001","reason":"other"}""", "cannot be cancelled; it can be returned within 30 days")]
    [InlineData("cancel_order", """{"order_id":"ORD-20008","reason":"other"}""", "was already cancelled")]
    [InlineData("cancel_order", """{"order_id":"ORD-99999","reason":"other"}""", "No order with id ORD-99999")]
    [InlineData("change_delivery_address", """{"order_id":"ORD-20062","address":{"line1":"1 Main Street","city":"Dayton","state":"OH","zip":"45402"}}""", "only be changed before dispatch")]
    [InlineData("change_delivery_address", """{"order_id":"ORD-20082","address":{"line1":"18 Orchard Way","city":"Green Bay","state":"WI","zip":"64301"}}""", "does not match the state WI")]
    [InlineData("change_delivery_address", """{"order_id":"ORD-20107","address":{"line1":"P.O. Box 412","city":"Minneapolis","state":"MN","zip":"55401"}}""", "P.O. box")]
    [InlineData("change_delivery_address", """{"order_id":"ORD-20107","address":{"line1":"12 Elm Street","city":"Dallas","state":"TX","zip":"75201"}}""", "We do not deliver to TX")]
    [InlineData("change_delivery_address", """{"order_id":"ORD-20107","address":{"line1":"River Road","city":"Minneapolis","state":"MN","zip":"55406"}}""", "needs a house number")]
    [InlineData("change_delivery_address", """{"order_id":"ORD-20107","address":{"line1":"2210 River Road","city":"Minneapolis","state":"MN","zip":"5540"}}""", "must have 5 digits")]
    [InlineData("change_delivery_address", """{"order_id":"ORD-20107","address":{"line1":"231 Main Street","city":"Minneapolis","state":"MN","zip":"55401"}}""", "is already going to")]
    [InlineData("request_return", """{"order_id":"ORD-20074","items":[{"sku":"CAN-7FT","quantity":3,"opened":false}],"reason":"wrong_item"}""", "returns are accepted within 30 days")]
    [InlineData("request_return", """{"order_id":"ORD-20060","items":[{"sku":"CAN-7FT","quantity":3,"opened":true}],"reason":"no_longer_needed"}""", "for hygiene reasons")]
    [InlineData("request_return", """{"order_id":"ORD-20155","items":[{"sku":"CPAP-AS11","quantity":1,"opened":false}],"reason":"defective"}""", "was billed to Humana")]
    [InlineData("request_return", """{"order_id":"ORD-20177","items":[{"sku":"HUM-BTL","quantity":2,"opened":false}],"reason":"no_longer_needed"}""", "Only 1 of Oxygen Humidifier Bottle")]
    [InlineData("request_return", """{"order_id":"ORD-20177","items":[{"sku":"OC-5L","quantity":1,"opened":false}],"reason":"wrong_item"}""", "has no item OC-5L")]
    [InlineData("request_return", """{"order_id":"ORD-20059","items":[{"sku":"CUSH-FF","quantity":1,"opened":false}],"reason":"wrong_item"}""", "can be cancelled instead")]
    [InlineData("dispute_invoice", """{"invoice_id":"INV-20067","reason":"incorrect_amount"}""", "already under dispute (DSP-4018")]
    [InlineData("dispute_invoice", """{"invoice_id":"INV-20019","reason":"duplicate_charge"}""", "within 120 days")]
    [InlineData("dispute_invoice", """{"invoice_id":"INV-20008","reason":"incorrect_amount"}""", "is void")]
    [InlineData("dispute_invoice", """{"invoice_id":"INV-20001","reason":"duplicate_charge"}""", "shows no duplicate charge")]
    [InlineData("dispute_invoice", """{"invoice_id":"INV-20001","reason":"insurance_not_applied"}""", "No insurance was on file")]
    [InlineData("schedule_technician", """{"customer_id":"CUS-1005","serial_number":"AS11-556774","slot_id":"TS-0119-AM","issue":"no_power"}""", "is not registered to CUS-1005")]
    [InlineData("schedule_technician", """{"customer_id":"CUS-1005","serial_number":"OC5-895625","slot_id":"TS-0116-AM","issue":"low_flow"}""", "is already booked")]
    [InlineData("schedule_technician", """{"customer_id":"CUS-1007","serial_number":"AS11-977106","slot_id":"TS-0119-AM","issue":"noise"}""", "(VIS-3001) is already scheduled")]
    [InlineData("schedule_technician", """{"customer_id":"CUS-1005","serial_number":"OC5-895625","slot_id":"TS-0119-AM","issue":"mask_leak"}""", "is not an issue of a oxygen concentrator")]
    [InlineData("troubleshoot_device", """{"device_type":"oxygen_concentrator","symptom":"mask_leak"}""", "No guide for symptom")]
    [InlineData("find_customer", """{"email":"nobody@example.com"}""", "No customer found")]
    [InlineData("find_customer", """{"first_name":"Keith"}""", "Give either the email address")]
    [InlineData("get_invoice", "{}", "Give the invoice_id or the order_id")]
    [InlineData("get_invoice", """{"invoice_id":"INV-1"}""", "No invoice with id INV-1")]
    [InlineData("get_customer", """{"customer_id":"CUS-9999"}""", "No customer with id CUS-9999")]
    [InlineData("list_orders", """{"customer_id":"CUS-9999"}""", "No customer with id CUS-9999")]
    [InlineData("track_delivery", """{"order_id":"ORD-0000"}""", "No order with id ORD-0000")]
    [InlineData("transfer_to_human", """{"reason":"other","summary":"x","customer_id":"CUS-9999"}""", "No customer with id CUS-9999")]
    [InlineData("find_customer", """{"first_name":"Keith","last_name":"Pruitt","zip":"00000"}""", "No customer found with that name and zip code")]
    public async Task RefusesWhatThePolicyForbidsAndLeavesTheStateAlone(string tool, string arguments, string because)
    {
        using var session = Open();
        var before = session.StateHash();
        var outcome = await session.InvokeAsync(tool, arguments, offeredOnly: false, CancellationToken.None);
        Assert.True(outcome.Valid, outcome.Result);
        Assert.Contains(because, outcome.Error ?? "(no error)", StringComparison.Ordinal);
        Assert.Equal(before, session.StateHash());
    }

    [Fact]
    public async Task CancellingAProcessingOrderRefundsTheCardAndVoidsTheInvoice()
    {
        using var session = Open();
        var result = await Ok(session, "cancel_order", """{"order_id":"ORD-20059","reason":"ordered_by_mistake"}""");
        Assert.Equal(117m, (decimal)result["refund_amount"]!);
        Assert.Equal("Visa ending in 8740", (string)result["refund_to"]!);
        var state = session.StateNode()!;
        Assert.Equal("cancelled", (string)state["orders"]!["ORD-20059"]!["status"]!);
        Assert.Equal("ordered_by_mistake", (string)state["orders"]!["ORD-20059"]!["cancellationReason"]!);
        Assert.Equal("cancelled", (string)state["deliveries"]!["DLV-20059"]!["status"]!);
        var invoice = state["invoices"]!["INV-20059"]!;
        Assert.Equal("void", (string)invoice["status"]!);
        Assert.Equal(-117m, (decimal)invoice["charges"]!.AsArray().Last()!["amount"]!);
    }

    [Fact]
    public async Task AnAddressChangeIsNormalizedAndReachesTheDelivery()
    {
        using var session = Open();
        var result = await Ok(session, "change_delivery_address", """{"order_id":"ORD-20036","address":{"line1":"  740   Prairie Avenue ","city":"Grand Rapids","state":"mi","zip":"49506"}}""");
        Assert.Equal("740 Prairie Avenue, Grand Rapids, MI 49506", (string)result["new_address"]!);
        var state = session.StateNode()!;
        Assert.Equal("MI", (string)state["orders"]!["ORD-20036"]!["shippingAddress"]!["state"]!);
        Assert.Equal("740 Prairie Avenue", (string)state["deliveries"]!["DLV-20036"]!["address"]!["line1"]!);
    }

    [Fact]
    public async Task ADeviceNoLongerNeededPaysTheRestockingFeeAndADefectiveOneDoesNot()
    {
        using (var session = Open())
        {
            var result = await Ok(session, "request_return", """{"order_id":"ORD-20130","items":[{"sku":"OC-5L","quantity":1,"opened":false}],"reason":"no_longer_needed"}""");
            Assert.Equal(194.25m, (decimal)result["restocking_fee"]!);
            Assert.Equal(1100.75m, (decimal)result["refund_amount"]!);
            Assert.Equal("Visa ending in 1606", (string)result["refund_to"]!);
        }

        using (var session = Open())
        {
            var result = await Ok(session, "request_return", """{"order_id":"ORD-20130","items":[{"sku":"OC-5L","quantity":1,"opened":false}],"reason":"defective"}""");
            Assert.Equal(0m, (decimal)result["restocking_fee"]!);
            Assert.Equal(1295m, (decimal)result["refund_amount"]!);
        }
    }

    [Fact]
    public async Task AReturnedItemCannotBeReturnedTwice()
    {
        using var session = Open();
        var first = await Ok(session, "request_return", """{"order_id":"ORD-20177","items":[{"sku":"HUM-BTL","quantity":1,"opened":false}],"reason":"no_longer_needed"}""");
        Assert.Equal("RMA-7001", (string)first["return_id"]!);
        var order = await Ok(session, "get_order", """{"order_id":"ORD-20177"}""");
        Assert.Equal(1, (int)order["items"]!.AsArray().Single(i => (string)i!["sku"]! == "HUM-BTL")!["returned_quantity"]!);
        var again = await session.InvokeAsync("request_return", """{"order_id":"ORD-20177","items":[{"sku":"HUM-BTL","quantity":1,"opened":false}],"reason":"no_longer_needed"}""", false, CancellationToken.None);
        Assert.Contains("Only 0 of Oxygen Humidifier Bottle", again.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ADuplicateChargeIsRefundedAtOnce()
    {
        using var session = Open();
        var before = await Ok(session, "get_invoice", """{"order_id":"ORD-20074"}""");
        Assert.Equal(74.97m, (decimal)before["credit"]!);
        var result = await Ok(session, "dispute_invoice", """{"invoice_id":"INV-20074","reason":"duplicate_charge"}""");
        Assert.Equal("resolved", (string)result["status"]!);
        Assert.Equal(74.97m, (decimal)result["refund_amount"]!);
        var after = await Ok(session, "get_invoice", """{"invoice_id":"INV-20074"}""");
        Assert.Equal(0m, (decimal)after["credit"]!);
        Assert.Equal(74.97m, (decimal)after["amount_paid"]!);
        Assert.Equal("resolved", (string)after["dispute"]!["status"]!);
    }

    [Fact]
    public async Task AnOpenDisputePutsTheInvoiceOnHold()
    {
        using var session = Open();
        var result = await Ok(session, "dispute_invoice", """{"invoice_id":"INV-20036","reason":"insurance_not_applied"}""");
        Assert.Equal("under_review", (string)result["status"]!);
        var again = await session.InvokeAsync("dispute_invoice", """{"invoice_id":"INV-20036","reason":"incorrect_amount"}""", false, CancellationToken.None);
        Assert.Contains("already under dispute", again.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ABookedTechnicianSlotIsTakenAndTheVisitListed()
    {
        using var session = Open();
        var visit = await Ok(session, "schedule_technician", """{"customer_id":"CUS-1005","serial_number":"oc5-895625","slot_id":"TS-0116-PM","issue":"low_flow"}""");
        Assert.Equal("VIS-3002", (string)visit["visit_id"]!);
        var slots = await Ok(session, "get_technician_availability", "{}");
        Assert.DoesNotContain(slots["slots"]!.AsArray(), s => (string)s!["slot_id"]! == "TS-0116-PM");
        var customer = await Ok(session, "get_customer", """{"customer_id":"CUS-1005"}""");
        Assert.Equal("VIS-3002", (string)customer["technician_visits"]![0]!["visit_id"]!);
    }

    [Theory]
    [InlineData("""{"email":"  KEITH.Pruitt80@example.com "}""")]
    [InlineData("""{"first_name":"keith","last_name":"PRUITT","date_of_birth":"1971-09-29"}""")]
    [InlineData("""{"first_name":"Keith","last_name":"Pruitt","zip":"53703"}""")]
    public async Task FindsACustomerByEmailOrByNameWithBirthDateOrZip(string arguments)
    {
        using var session = Open();
        var found = await Ok(session, "find_customer", arguments);
        Assert.Equal("CUS-1001", (string)found["customer_id"]!);
    }

    [Fact]
    public async Task ArgumentsOutsideTheSchemaAreInvalidCalls()
    {
        using var session = Open();
        var outcome = await session.InvokeAsync("find_customer", """{"first_name":"Keith","last_name":"Pruitt","date_of_birth":"09/29/1971"}""", false, CancellationToken.None);
        Assert.False(outcome.Valid);
    }

    private ToolSession Open() => fixture.Environment.Tools.OpenSession(null, TimeProvider.System, CancellationToken.None);

    private static async Task<JsonNode> Ok(ToolSession session, string tool, string arguments)
    {
        var outcome = await session.InvokeAsync(tool, arguments, offeredOnly: false, CancellationToken.None);
        Assert.True(outcome.Error is null, outcome.Result);
        return JsonNode.Parse(outcome.Result)!;
    }
}
