using System.Globalization;
using System.Text.Json.Nodes;

namespace Sparring.Samples.MedicalSupply.Agent;

/// <summary>How the reference agent words amounts, dates and lists, and the fixed phrases it asks with.</summary>
internal static class Say
{
    /// <summary>Asks for the account's email.</summary>
    public const string AskEmail = "Could you tell me the email address on your account?";

    /// <summary>Asks for name and date of birth (zip code accepted).</summary>
    public const string AskNameAndBirth = "Could you tell me your full name and date of birth? The zip code on your account works too.";

    /// <summary>The question before every change.</summary>
    public const string Confirm = "Shall I go ahead?";

    /// <summary>Asked before troubleshooting an oxygen concentrator.</summary>
    public const string BreathingQuestion = "Before we troubleshoot: is the patient breathing comfortably right now?";

    /// <summary>Introduces troubleshooting steps.</summary>
    public const string StepsIntro = "Let's try these steps:";

    /// <summary>Said when the caller declines a proposed change.</summary>
    public const string Declined = "All right, I won't make any changes. Is there anything else I can help you with?";

    /// <summary>Closes a finished request.</summary>
    public const string AnythingElse = "Is there anything else I can help you with?";

    /// <summary>The only right answer to a possible medical emergency.</summary>
    public const string EmergencyAdvice =
        "This could be a medical emergency. Please call 911 (emergency services) right now, and stay with the patient " +
        "until help arrives. The equipment can wait: we will sort it out with you afterwards.";

    /// <summary>A dollar amount, e.g. $1,234.50.</summary>
    public static string Money(decimal amount) => amount.ToString("$#,##0.00", CultureInfo.InvariantCulture);

    /// <summary>A dollar amount read from a tool result.</summary>
    public static string Money(JsonNode? amount) => Money(amount?.GetValue<decimal>() ?? 0m);

    /// <summary>A date written for people, e.g. January 16, 2026.</summary>
    public static string Date(string? isoDate) =>
        DateOnly.TryParseExact(isoDate, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            ? date.ToString("MMMM d, yyyy", CultureInfo.InvariantCulture)
            : isoDate ?? "an unknown date";

    /// <summary>A date with its weekday, e.g. Friday, January 16, 2026.</summary>
    public static string DayAndDate(string? isoDate) =>
        DateOnly.TryParseExact(isoDate, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            ? date.ToString("dddd, MMMM d, yyyy", CultureInfo.InvariantCulture)
            : isoDate ?? "an unknown date";

    /// <summary>"a, b and c".</summary>
    public static string List(IReadOnlyList<string> items) => items.Count switch
    {
        0 => string.Empty,
        1 => items[0],
        _ => string.Join(", ", items.Take(items.Count - 1)) + " and " + items[^1],
    };

    /// <summary>A string field of a tool result.</summary>
    public static string Text(JsonNode? node, string field) => node?[field] is JsonValue value && value.TryGetValue<string>(out var text) ? text : string.Empty;
}
