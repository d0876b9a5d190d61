using System.Globalization;

namespace Sparring.Samples.MedicalSupply.Agent;

/// <summary>Reads intents, emergencies, devices, symptoms and reasons from what the caller said, by keywords.</summary>
internal static class IntentClassifier
{
    private static readonly string[] EmergencySigns =
    [
        "can't breathe", "cannot breathe", "can't catch", "barely breathe", "short of breath", "shortness of breath",
        "gasping", "struggling to breathe", "trouble breathing", "not breathing", "isn't breathing", "stopped breathing",
        "chest pain", "chest hurts", "pain in his chest", "pain in her chest", "unresponsive", "won't wake", "not waking",
        "passed out", "unconscious", "fainted", "collapsed", "lips are blue", "lips look blue", "lips are turning blue",
        "turning blue", "blue lips", "lips are grey",
    ];

    // Checked in order: the first intent whose keywords appear in the opening message wins.
    private static readonly (SupportIntent Intent, string[] Keywords)[] Intents =
    [
        (SupportIntent.LegalComplaint, ["lawyer", "attorney", "sue", "suing", "lawsuit", "legal action", "court"]),
        (SupportIntent.InsuranceAppeal, ["appeal", "denied", "denial"]),
        (SupportIntent.AccountHolderDeceased, ["passed away", "died", "deceased"]),
        (SupportIntent.PrescriptionChange, ["prescription", "flow rate", "liters per minute", "pressure setting"]),
        (SupportIntent.HumanRequested, ["real person", "a human", "supervisor", "representative", "speak to someone", "talk to someone"]),
        (SupportIntent.Dispute, ["charged twice", "charged me twice", "twice for", "paid twice", "double charge", "double-charged", "duplicate", "dispute", "overcharged", "should have covered", "wrong amount"]),
        (SupportIntent.Cancel, ["cancel"]),
        (SupportIntent.ChangeAddress, ["address", "moved", "deliver it to", "ship it to", "send it to"]),
        (SupportIntent.Return, ["return", "send back", "send it back", "refund"]),
        (SupportIntent.Invoice, ["invoice", "bill", "balance", "owe", "statement"]),
        (SupportIntent.Troubleshoot, ["alarm", "beep", "leak", "dry mouth", "won't turn on", "will not turn on", "won't start", "no power", "dead", "noise", "noisy", "loud", "grinding", "water in", "condensation", "low flow", "weak", "not getting enough", "not working", "stopped working", "hissing"]),
        (SupportIntent.Track, ["where is", "where are", "where's", "arrived", "track", "arrive", "deliver", "shipped", "ship", "package", "coming", "been sent", "status"]),
    ];

    /// <summary>Whether anything the caller said describes a possible medical emergency.</summary>
    public static bool IsEmergency(IEnumerable<string> userTexts) =>
        userTexts.Any(t => EmergencySigns.Any(s => Has(t, s)));

    /// <summary>The intent of the caller's opening message.</summary>
    public static SupportIntent Classify(string openingMessage)
    {
        foreach (var (intent, keywords) in Intents)
        {
            if (keywords.Any(k => Has(openingMessage, k)))
            {
                return intent;
            }
        }

        return SupportIntent.Unknown;
    }

    /// <summary>oxygen_concentrator or cpap, from the caller's words.</summary>
    public static string? DeviceType(IEnumerable<string> userTexts)
    {
        var text = string.Join(" ", userTexts);
        var oxygen = Index(text, "concentrator", "oxygen");
        var cpap = Index(text, "cpap", "c-pap", "mask", "sleep apnea");
        return (oxygen, cpap) switch
        {
            (< 0, < 0) => null,
            (>= 0, < 0) => "oxygen_concentrator",
            (< 0, >= 0) => "cpap",
            _ => oxygen <= cpap ? "oxygen_concentrator" : "cpap",
        };
    }

    /// <summary>The symptom the troubleshooting guide calls it, for a device type.</summary>
    public static string? Symptom(string deviceType, IEnumerable<string> userTexts)
    {
        var text = string.Join(" ", userTexts);
        (string Symptom, string[] Words)[] table = deviceType == "oxygen_concentrator"
            ?
            [
                ("no_power", ["won't turn on", "will not turn on", "won't start", "no power", "dead", "not turning on"]),
                ("alarm", ["alarm", "beep"]),
                ("low_flow", ["low flow", "flow", "weak", "not getting enough"]),
                ("noise", ["noise", "noisy", "loud", "grinding", "rattl"]),
            ]
            :
            [
                ("no_power", ["won't turn on", "will not turn on", "won't start", "no power", "dead", "not turning on"]),
                ("mask_leak", ["leak", "hissing"]),
                ("dry_mouth", ["dry mouth", "dry"]),
                ("water_in_tube", ["water in", "condensation", "gurgl"]),
                ("noise", ["noise", "noisy", "loud", "whistl"]),
            ];
        return table.FirstOrDefault(row => row.Words.Any(w => Has(text, w))).Symptom;
    }

    /// <summary>The cancellation reason code, or null when the caller gave none.</summary>
    public static string? CancelReason(IEnumerable<string> userTexts) => Reason(userTexts,
    [
        ("ordered_by_mistake", ["by mistake", "mistake", "by accident", "didn't mean", "ordered twice", "wrong one"]),
        ("found_elsewhere", ["elsewhere", "another supplier", "somewhere else", "cheaper", "pharmacy"]),
        ("no_longer_needed", ["don't need", "no longer need", "not needed", "doesn't need", "don't use", "won't need"]),
    ]);

    /// <summary>The return reason code, or null when the caller gave none.</summary>
    public static string? ReturnReason(IEnumerable<string> userTexts) => Reason(userTexts,
    [
        ("damaged_in_transit", ["damaged", "arrived broken", "crushed", "cracked"]),
        ("wrong_item", ["wrong", "doesn't fit", "not what i ordered"]),
        ("defective", ["defective", "stopped working", "doesn't work", "not working", "broken", "faulty", "won't turn on"]),
        ("no_longer_needed", ["don't need", "no longer need", "not needed", "doesn't need", "don't use", "won't need"]),
    ]);

    /// <summary>The dispute reason code.</summary>
    public static string DisputeReason(IEnumerable<string> userTexts) => Reason(userTexts,
    [
        ("duplicate_charge", ["charged twice", "charged me twice", "twice for", "paid twice", "double", "duplicate", "two charges"]),
        ("insurance_not_applied", ["insurance", "should have covered", "medicare"]),
        ("item_not_received", ["never received", "didn't receive", "never got", "not received"]),
    ]) ?? "incorrect_amount";

    private static string? Reason(IEnumerable<string> userTexts, (string Code, string[] Words)[] table)
    {
        var text = string.Join(" ", userTexts);
        return table.FirstOrDefault(row => row.Words.Any(w => Has(text, w))).Code;
    }

    /// <summary>Whether a word or phrase starts at a word boundary in the text ("owe" is not in "power"), ignoring case.</summary>
    public static bool Has(string text, string phrase) => Find(text, phrase, wholeWord: false) >= 0;

    /// <summary>Whether a whole word or phrase appears in the text ("no" is not in "now"), ignoring case.</summary>
    public static bool HasWord(string text, string phrase) => Find(text, phrase, wholeWord: true) >= 0;

    // Finds what the regex \b{phrase} (\b{phrase}\b for a whole word) with IgnoreCase finds (but for the Kelvin sign,
    // which the regex also takes for a k), without building a regex per phrase: an episode asks hundreds of times, and
    // Regex's cache of 15 patterns cannot hold them all.
    private static int Find(string text, string phrase, bool wholeWord = false)
    {
        for (var at = text.IndexOf(phrase, StringComparison.OrdinalIgnoreCase); at >= 0; at = text.IndexOf(phrase, at + 1, StringComparison.OrdinalIgnoreCase))
        {
            if (IsBoundary(text, at) && (!wholeWord || IsBoundary(text, at + phrase.Length)))
            {
                return at;
            }

            if (at == text.Length)
            {
                break;
            }
        }

        return -1;
    }

    // Regex's \b: a word character on one side only.
    private static bool IsBoundary(string text, int index) =>
        (index > 0 && IsWordCharacter(text[index - 1])) != (index < text.Length && IsWordCharacter(text[index]));

    // Regex's word characters at a boundary: letters, non-spacing marks, decimal digits, connector punctuation, and the
    // zero-width (non-)joiners.
    private static bool IsWordCharacter(char c) => c is '\u200C' or '\u200D' || CharUnicodeInfo.GetUnicodeCategory(c) is
        UnicodeCategory.UppercaseLetter or UnicodeCategory.LowercaseLetter or UnicodeCategory.TitlecaseLetter or
        UnicodeCategory.ModifierLetter or UnicodeCategory.OtherLetter or UnicodeCategory.NonSpacingMark or
        UnicodeCategory.DecimalDigitNumber or UnicodeCategory.ConnectorPunctuation;

    private static int Index(string text, params string[] words) =>
        words.Select(w => Find(text, w)).Where(i => i >= 0).DefaultIfEmpty(-1).Min();
}
