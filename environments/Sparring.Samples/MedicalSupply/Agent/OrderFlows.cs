using System.Text.Json.Nodes;

namespace Sparring.Samples.MedicalSupply.Agent;

/// <summary>Where is my order, cancel it, deliver it elsewhere.</summary>
internal static class OrderFlows
{
    /// <summary>Tracks the order the caller asks about.</summary>
    public static AgentStep Track(PlannerContext c)
    {
        if (c.Identify() is { } identify)
        {
            return identify;
        }

        if (c.SelectOrder(["shipped", "processing"], out var orderId, out _) is { } step)
        {
            return step;
        }

        if (c.Need("track_delivery", PlannerContext.Args("order_id", orderId), out var delivery) is { } tracking)
        {
            return tracking;
        }

        var carrier = Say.Text(delivery, "carrier");
        var number = Say.Text(delivery, "tracking_number");
        var expected = Say.Date(Say.Text(delivery, "estimated_delivery"));
        var report = Say.Text(delivery, "status") switch
        {
            "pending" => $"Order {orderId} is being prepared at our warehouse and hasn't been dispatched yet. It's expected to arrive by {expected}.",
            "in_transit" => $"Order {orderId} is on its way with {carrier}, tracking number {number}. It's expected to arrive on {expected}.",
            "out_for_delivery" => $"Good news: order {orderId} is out for delivery today, {expected}, with {carrier} (tracking number {number}).",
            "delayed" => $"I'm sorry, order {orderId} has been delayed: {LastEvent(delivery)}. The new expected delivery date is {expected}; it's with {carrier}, tracking number {number}.",
            "delivered" => $"Order {orderId} was delivered on {Say.Date(Say.Text(delivery, "delivered_at"))} and signed for by {Say.Text(delivery, "signed_by")}.",
            _ => $"Order {orderId} was cancelled, so it won't be delivered.",
        };
        return c.Report($"{report} {Say.AnythingElse}");
    }

    /// <summary>Cancels an order that has not been dispatched, or explains why it cannot be.</summary>
    public static AgentStep Cancel(PlannerContext c)
    {
        if (c.Identify() is { } identify)
        {
            return identify;
        }

        if (c.SelectOrder(["processing"], out var orderId, out var order) is { } step)
        {
            return step;
        }

        if (c.Conversation.LastSuccess("cancel_order", x => x.Argument("order_id") == orderId) is { } done)
        {
            return c.Report($"Done: order {orderId} is now cancelled. A refund of {Say.Money(done.Result?["refund_amount"])} goes back to your " +
                $"{Say.Text(done.Result, "refund_to")} within 5 to 7 business days. {Say.AnythingElse}");
        }

        switch (Say.Text(order, "status"))
        {
            case "delivered":
                return c.Report($"Order {orderId} was delivered on {Say.Date(Say.Text(order, "delivered_at"))}, so it can't be cancelled anymore, " +
                    $"but you can return it within 30 days of delivery, until {Say.Date(Say.Text(order, "return_window_ends"))}.");
            case "cancelled":
                return c.Report($"Order {orderId} was already cancelled on {Say.Date(Say.Text(order, "cancelled_at"))}, so there's nothing more to do.");
            case "shipped":
                if (c.Need("track_delivery", PlannerContext.Args("order_id", orderId), out var delivery) is { } tracking)
                {
                    return tracking;
                }

                return c.Report($"I'm sorry, order {orderId} has already been dispatched with {Say.Text(delivery, "carrier")} (tracking number " +
                    $"{Say.Text(delivery, "tracking_number")}), so it can no longer be cancelled. Once it's delivered, you can return it within 30 days of delivery.");
        }

        if (IntentClassifier.CancelReason(c.Facts.Texts) is not { } reason)
        {
            return AgentStep.Tell("May I ask why you'd like to cancel: was it ordered by mistake, is it no longer needed, or did you find it elsewhere?");
        }

        var cancel = AgentStep.Act("cancel_order", new JsonObject { ["order_id"] = orderId, ["reason"] = reason });
        return c.ConfirmThen(
            $"To confirm: I'll cancel order {orderId} ({Items(order)}) and refund what you paid to your {Say.Text(order, "payment_method")}.",
            cancel,
            error => $"I'm sorry, I couldn't cancel it: {error}");
    }

    /// <summary>Changes the delivery address of an order that has not been dispatched, or explains why it cannot.</summary>
    public static AgentStep ChangeAddress(PlannerContext c)
    {
        if (c.Identify() is { } identify)
        {
            return identify;
        }

        if (c.SelectOrder(["processing"], out var orderId, out var order) is { } step)
        {
            return step;
        }

        if (c.Conversation.LastSuccess("change_delivery_address", x => x.Argument("order_id") == orderId) is { } done)
        {
            return c.Report($"Done: order {orderId} will now be delivered to {Say.Text(done.Result, "new_address")}. " +
                $"It's still expected by {Say.Date(Say.Text(done.Result, "estimated_delivery"))}. {Say.AnythingElse}");
        }

        if (Say.Text(order, "delivery_status") != "pending")
        {
            if (c.Need("track_delivery", PlannerContext.Args("order_id", orderId), out var delivery) is { } tracking)
            {
                return tracking;
            }

            var carrier = Say.Text(delivery, "carrier");
            return Say.Text(order, "status") is "delivered" or "cancelled"
                ? c.Report($"Order {orderId} is already {Say.Text(order, "status")}, so its delivery address can't be changed.")
                : c.Report($"I'm sorry, order {orderId} has already been dispatched with {carrier} (tracking number {Say.Text(delivery, "tracking_number")}), " +
                    $"so its delivery address can no longer be changed: we can only change it before dispatch. You could ask {carrier} to hold it for pickup.");
        }

        if (c.Facts.Address is not { } address)
        {
            return AgentStep.Tell("What is the new delivery address, with the house number, street, city, state and zip code?");
        }

        var change = AgentStep.Act("change_delivery_address", new JsonObject { ["order_id"] = orderId, ["address"] = address.ToJson() });
        return c.ConfirmThen(
            $"To confirm: I'll change the delivery address of order {orderId} to {address}.",
            change,
            error => $"I'm sorry, I couldn't change the address: {error} Could you check it for me?");
    }

    /// <summary>The items of an order as people say them.</summary>
    public static string Items(JsonNode order) =>
        Say.List([.. order["items"]!.AsArray().Select(i => (int)i!["quantity"]! > 1 ? $"{(int)i["quantity"]!} x {Say.Text(i, "name")}" : Say.Text(i, "name"))]);

    private static string LastEvent(JsonNode delivery)
    {
        var last = delivery["events"]!.AsArray().Select(e => (string)e!).LastOrDefault() ?? string.Empty;
        var text = last.Contains(": ", StringComparison.Ordinal) ? last[(last.IndexOf(": ", StringComparison.Ordinal) + 2)..] : last;
        return text.Length > 0 ? char.ToLowerInvariant(text[0]) + text[1..] : text;
    }
}
