using System.Text.RegularExpressions;
using Sparring.Samples.MedicalSupply.Agent;

namespace Sparring.Samples.Tests.MedicalSupply.Agent;

public sealed class IntentClassifierTests
{
    [Theory]
    [InlineData("My CPAP has no power since this morning.", "Troubleshoot")]
    [InlineData("I got a bill and I don't know what I owe.", "Invoice")]
    [InlineData("You charged me twice for the filters!", "Dispute")]
    [InlineData("Please cancel my order before it ships.", "Cancel")]
    [InlineData("Where is my package?", "Track")]
    [InlineData("Medicare denied my claim and I want to appeal.", "InsuranceAppeal")]
    [InlineData("My doctor changed my prescription to 3 liters.", "PrescriptionChange")]
    [InlineData("Hello there.", "Unknown")]
    public void ClassifiesTheOpeningMessage(string opening, string intent) => Assert.Equal(intent, IntentClassifier.Classify(opening).ToString());

    [Theory]
    [InlineData("My dad's oxygen machine stopped and he's really short of breath!", true)]
    [InlineData("No! She's gasping and her lips look blue!", true)]
    [InlineData("I've had some chest pain since this morning.", true)]
    [InlineData("Yes, she's breathing comfortably on her backup tank.", false)]
    [InlineData("The concentrator makes a grinding noise and I'm scared it will stop.", false)]
    public void RecognizesEmergencies(string said, bool emergency) => Assert.Equal(emergency, IntentClassifier.IsEmergency([said]));

    [Theory]
    [InlineData("My oxygen concentrator keeps beeping.", "oxygen_concentrator", "alarm")]
    [InlineData("My portable concentrator won't turn on.", "oxygen_concentrator", "no_power")]
    [InlineData("My CPAP mask makes a hissing sound.", "cpap", "mask_leak")]
    [InlineData("There's water in my CPAP tube.", "cpap", "water_in_tube")]
    public void FindsDeviceAndSymptom(string said, string device, string symptom)
    {
        Assert.Equal(device, IntentClassifier.DeviceType([said]));
        Assert.Equal(symptom, IntentClassifier.Symptom(device, [said]));
    }

    [Fact]
    public void Has_and_HasWord_find_what_the_word_boundary_regexes_they_replace_find()
    {
        // Letters, a digit, an accent, a combining mark, a joiner, an underscore, spaces and punctuation, in every mix.
        const string Alphabet = "aAbB1éÉ\u0301\u200D_ '-.";
        string[] phrases = ["a", "ab", "b'a", "a-b", "_a", "1a", "éa", "'a", "a ", "ab."];
        var random = new Random(5);
        for (var i = 0; i < 20_000; i++)
        {
            var text = new string([.. Enumerable.Range(0, random.Next(12)).Select(_ => Alphabet[random.Next(Alphabet.Length)])]);
            foreach (var phrase in phrases)
            {
                var options = RegexOptions.IgnoreCase | RegexOptions.CultureInvariant;
                Assert.True(Regex.IsMatch(text, $@"\b{Regex.Escape(phrase)}", options) == IntentClassifier.Has(text, phrase), $"Has(\"{text}\", \"{phrase}\")");
                Assert.True(Regex.IsMatch(text, $@"\b{Regex.Escape(phrase)}\b", options) == IntentClassifier.HasWord(text, phrase), $"HasWord(\"{text}\", \"{phrase}\")");
            }
        }
    }
}
