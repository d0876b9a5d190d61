using System.Globalization;
using System.Text.Json.Nodes;

namespace Sparring.Samples.MedicalSupply.Agent;

/// <summary>Troubleshooting first; a technician visit when the steps did not help.</summary>
internal static class DeviceFlow
{
    private const string EarliestSlot = "The earliest technician visit I can offer is";
    private const string OtherSlot = "I can also offer a technician visit on";
    private static readonly string[] NotFixed = ["tried", "still", "didn't help", "did not help", "doesn't work", "not working", "no luck", "same problem", "no change"];
    private static readonly string[] Weekdays = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"];

    /// <summary>Walks the caller through the steps for their device and symptom, then books a technician if needed.</summary>
    public static AgentStep Next(PlannerContext c)
    {
        var texts = c.Facts.Texts;
        if (IntentClassifier.DeviceType(texts) is not { } deviceType)
        {
            return AgentStep.Tell("Which device is it: your oxygen concentrator or your CPAP machine? And what exactly is it doing?");
        }

        if (IntentClassifier.Symptom(deviceType, texts) is not { } symptom)
        {
            return AgentStep.Tell("What exactly is it doing: for example an alarm, no power, weak airflow, a leak or an unusual noise?");
        }

        if (deviceType == "oxygen_concentrator" && !c.Conversation.AgentSaid(Say.BreathingQuestion))
        {
            return AgentStep.Tell(Say.BreathingQuestion);
        }

        var guide = new JsonObject { ["device_type"] = deviceType, ["symptom"] = symptom };
        if (c.Need("troubleshoot_device", guide, out var steps) is { } fetch)
        {
            return fetch;
        }

        if (!c.Conversation.AgentSaid(Say.StepsIntro))
        {
            var numbered = steps["steps"]!.AsArray().Select((s, i) => $"{i + 1}. {(string)s!}");
            return AgentStep.Tell($"{Say.StepsIntro} {string.Join(" ", numbered)} If it still isn't right after that, I can book a technician visit.");
        }

        var after = c.Conversation.UserTextsAfter(Say.StepsIntro);
        if (!after.Any(t => NotFixed.Any(w => IntentClassifier.Has(t, w))))
        {
            return c.Report($"I'm glad we could go through it. {Say.AnythingElse}");
        }

        return Technician(c, deviceType, symptom);
    }

    private static AgentStep Technician(PlannerContext c, string deviceType, string symptom)
    {
        if (c.Identify() is { } identify)
        {
            return identify;
        }

        if (c.Conversation.LastSuccess("schedule_technician") is { } booked)
        {
            return c.Report($"Your technician visit is booked: visit {Say.Text(booked.Result, "visit_id")} on {Say.DayAndDate(Say.Text(booked.Result, "date"))}, " +
                $"{Say.Text(booked.Result, "window")}, at {Say.Text(booked.Result, "address")}. The technician will call 30 minutes before arriving. {Say.AnythingElse}");
        }

        if (c.Need("get_customer", PlannerContext.Args("customer_id", c.CustomerId!), out var customer) is { } profile)
        {
            return profile;
        }

        var devices = customer["devices"]!.AsArray().Select(d => d!).Where(d => Say.Text(d, "device_type") == deviceType).ToList();
        var named = c.Facts.SerialNumber is { } serial ? devices.FirstOrDefault(d => Say.Text(d, "serial_number") == serial) : null;
        var device = named ?? (devices.Count == 1 ? devices[0] : null);
        if (device is null)
        {
            var listed = Say.List([.. devices.Select(d => $"{Say.Text(d, "name")} ({Say.Text(d, "serial_number")})")]);
            return AgentStep.Tell(devices.Count == 0
                ? "I don't see that kind of device on your account. Could you read me the serial number from its label?"
                : $"I see more than one on your account: {listed}. Which one is it? Please read me the serial number from the label.");
        }

        var serialNumber = Say.Text(device, "serial_number");
        if (customer["technician_visits"]!.AsArray().FirstOrDefault(v => Say.Text(v, "serial_number") == serialNumber) is { } visit)
        {
            return c.Report($"You already have a technician visit booked for your {Say.Text(device, "name")} ({serialNumber}): visit {Say.Text(visit, "visit_id")} on " +
                $"{Say.DayAndDate(Say.Text(visit, "date"))}, {Say.Text(visit, "window")}. The technician will call 30 minutes before arriving, so there's no need to book another.");
        }

        if (c.Need("get_technician_availability", [], out var availability) is { } slots)
        {
            return slots;
        }

        var open = availability["slots"]!.AsArray().Select(s => s!).ToList();
        if (open.Count == 0)
        {
            return c.Report("I'm sorry, there are no technician visits open in the next few days. Please call us back tomorrow and we'll find one.");
        }

        var where = Say.Text(customer, "address");
        string Proposal(JsonNode slot) =>
            $"{(slot == open[0] ? EarliestSlot : OtherSlot)} {Say.DayAndDate(Say.Text(slot, "date"))}, {Say.Text(slot, "window")}, for your {Say.Text(device, "name")} ({serialNumber}) at {where}.";

        // Slots the caller turned down are out, and what they said instead ("Monday morning") picks the next one.
        var turnedDown = open.Where(s => CallerFacts.Agrees(c.Conversation.ReplyTo($"{Proposal(s)} {Say.Confirm}")) == false).ToList();
        var wishes = turnedDown.Select(s => c.Conversation.ReplyTo($"{Proposal(s)} {Say.Confirm}")!.ToLowerInvariant()).ToList();
        var remaining = open.Except(turnedDown).ToList();
        if (remaining.Count == 0)
        {
            return c.Report("I'm sorry, those are all the technician visits I can offer right now. Please call us back and we'll find another time.");
        }

        var slot = remaining.FirstOrDefault(s => Fits(s, wishes)) ?? remaining[0];
        var schedule = AgentStep.Act("schedule_technician", new JsonObject
        {
            ["customer_id"] = c.CustomerId,
            ["serial_number"] = serialNumber,
            ["slot_id"] = Say.Text(slot, "slot_id"),
            ["issue"] = symptom,
        });
        return c.ConfirmThen(Proposal(slot), schedule, error => $"I'm sorry, I couldn't book it: {error}");
    }

    private static bool Fits(JsonNode slot, IReadOnlyList<string> wishes)
    {
        var day = DateOnly.ParseExact(Say.Text(slot, "date"), "yyyy-MM-dd", CultureInfo.InvariantCulture).DayOfWeek.ToString().ToLowerInvariant();
        var morning = Say.Text(slot, "slot_id").EndsWith("-AM", StringComparison.Ordinal);
        foreach (var wish in wishes)
        {
            var days = Weekdays.Where(d => wish.Contains(d, StringComparison.Ordinal)).ToList();
            if (days.Count > 0 && !days.Contains(day))
            {
                return false;
            }

            if ((wish.Contains("morning", StringComparison.Ordinal) && !morning) || (wish.Contains("afternoon", StringComparison.Ordinal) && morning))
            {
                return false;
            }
        }

        return true;
    }
}
