using Sparring.Samples.MedicalSupply.Agent;

namespace Sparring.Samples.Tests.MedicalSupply.Agent;

public sealed class CallerFactsTests
{
    [Theory]
    [InlineData("Yes, please go ahead.", true)]
    [InlineData("Um, okay... Yes, please do.", true)]
    [InlineData("Oh wait. No, please don't cancel it after all.", false)]
    [InlineData("Um, okay... No, please don't.", false)]
    [InlineData("Friday doesn't work for me. Monday morning would be better.", false)]
    [InlineData("Hmm, what does that mean?", null)]
    public void ReadsYesAndNo(string reply, bool? agrees) => Assert.Equal(agrees, CallerFacts.Agrees(reply));

    [Theory]
    [InlineData("March 12, 1944", "1944-03-12")]
    [InlineData("1960-03-16.", "1960-03-16")]
    [InlineData("4/21/1939", "1939-04-21")]
    [InlineData("the twelfth", null)]
    public void ParsesDatesAsCallersSayThem(string text, string? iso) => Assert.Equal(iso, CallerFacts.ParseDate(text));

    [Fact]
    public void ReadsFactsInEveryPhrasingOfTheScriptedUsers()
    {
        var facts = new CallerFacts(["Hi, where is my order?", "It's Margaret Crowley — that's my full name. Sure, my date of birth is March 12, 1944.", "My email is Margaret.Crowley89@example.com."]);
        Assert.Equal(("Margaret", "Crowley"), facts.FullName);
        Assert.Equal("1944-03-12", facts.DateOfBirth);
        Assert.Equal("margaret.crowley89@example.com", facts.Email);
    }

    [Fact]
    public void TakesTheLatestAddressWithALaterZipCorrection()
    {
        var facts = new CallerFacts(["My new delivery address is 18 Orchard Way, Apt 2B, Green Bay, WI 64301.", "Oh dear, I mixed up the numbers. The correct zip code is 54301."]);
        Assert.Equal(new PostalAddress("18 Orchard Way", "Apt 2B", "Green Bay", "WI", "54301"), facts.Address);

        var moved = new CallerFacts(["My new delivery address is P.O. Box 412, Minneapolis, MN 55401.", "Then please send it to my son's house: 2210 River Road, Minneapolis, MN 55406."]);
        Assert.Equal(new PostalAddress("2210 River Road", null, "Minneapolis", "MN", "55406"), moved.Address);
        Assert.Equal("P.O. Box 412", new CallerFacts(["It's P.O. Box 412, Minneapolis, MN 55401."]).Address?.Line1);
    }

    [Fact]
    public void ReadsOrderInvoiceAndSerialNumbers()
    {
        var facts = new CallerFacts(["It's order ord-20048, I think.", "The invoice is INV-20074 and the serial number AS11-977106."]);
        Assert.Equal("ORD-20048", facts.OrderId);
        Assert.Equal("INV-20074", facts.InvoiceId);
        Assert.Equal("AS11-977106", facts.SerialNumber);
    }
}
