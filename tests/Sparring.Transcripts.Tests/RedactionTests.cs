using Sparring.Transcripts.Parsing;
using Sparring.Transcripts.Redaction;

namespace Sparring.Transcripts.Tests;

public sealed class RedactionTests
{
    private static readonly string[] Personal =
    [
        "jane.doe+care@example-mail.co.uk", "J.Smith@work.example.org",
        "555-0142", "312-555-0199", "312.555.0177", "312 555 0123", "3125550188",
        "4111 1111 1111 1111", "5500-0000-0000-0004", "378282246310005",
        "742 Evergreen", "Springfield", "62704", "1600 Pennsylvania", "Oak Street", "Elm Rd",
        "03/14/1952", "March 14, 1952", "1952-03-14", "March 12, 1944", "555-0104", "555-0105", "1960-02-27", "7102 Oak", "Margaret", "Crowley", "Carol Bautista", "Keith Pruitt",
    ];

    private static readonly string[] Kept = ["#W2378156", "ORD-1042", "CUS-1041", "$1,234.56", "1ZN408Y82921506259", "2 days ago by the way", "2026-01-15", "date of birth is [DOB]", "[DOB] — that's my date of birth", "\"date_of_birth\":\"[DOB]\"", "Fingertip Pulse Oximeter", "My full name is [NAME]. It's [NAME] — that's my full name."];

    [Fact]
    public async Task NothingPersonalOfTheFixtureSurvivesWhileIdsAmountsAndTrackingNumbersDo()
    {
        var transcript = Assert.Single(await TranscriptReader.ReadFileAsync(TestData.Fixture("pii.txt")));

        var (redacted, counts) = new PiiRedactor().Redact(transcript);
        var text = string.Join("\n", redacted.Turns.Select(t => t.Text));

        Assert.All(Personal, p => Assert.DoesNotContain(p, text, StringComparison.OrdinalIgnoreCase));
        Assert.All(Kept, k => Assert.Contains(k, text, StringComparison.Ordinal));
        Assert.Equal(2, counts[PiiKind.Email]);
        Assert.Equal(7, counts[PiiKind.Phone]);
        Assert.Equal(3, counts[PiiKind.Card]);
        Assert.Equal(5, counts[PiiKind.Address]);
        Assert.Equal(5, counts[PiiKind.DateOfBirth]);
        Assert.Equal(3, counts[PiiKind.Name]);
        Assert.Equal(transcript.Id, redacted.Id);
    }

    [Theory]
    [InlineData("order 4111 1111 1111 1112 please")]
    [InlineData("order 1234567890123 shipped")]
    public void DigitRunsThatFailLuhnAreNotCards(string text)
    {
        var result = new PiiRedactor().Redact(text);

        Assert.False(result.Counts.ContainsKey(PiiKind.Card));
    }

    [Fact]
    public void RedactsTheCardInTheSyntheticTranscripts()
    {
        var result = new PiiRedactor().Redact("You charged my card twice for the same nasal cannulas! My card number is 6011 0009 9013 6943, check it yourself!");

        Assert.Equal("You charged my card twice for the same nasal cannulas! My card number is [CARD], check it yourself!", result.Text);
    }
}
