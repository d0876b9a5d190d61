using Sparring.Training.Tokenization;

namespace Sparring.Training.Tests.Tokenization;

public sealed class PreTokenizerTests
{
    [Theory]
    [InlineData("#W2378156", "#W~2~3~7~8~1~5~6")]
    [InlineData("$74.98", "$~7~4~.~9~8")]
    [InlineData("٣٤", "٣~٤")]
    [InlineData("  x", " ~ x")]
    [InlineData("x  {", "x~ ~ {")]
    [InlineData("don't stop", "don't~ stop")]
    [InlineData("'quoted'", "'quoted~'")]
    [InlineData("order_id", "order_id")]
    [InlineData("a, b", "a~,~ b")]
    [InlineData("\"name\":\"get_order\"", "\"name~\":\"~get_order~\"")]
    [InlineData("line\n\nnext", "line~\n\n~next")]
    [InlineData("end.\n  - item", "end~.~\n ~ -~ item")]
    [InlineData("😀😀 ok", "😀😀~ ok")]
    [InlineData("café naïve", "café~ naïve")]
    [InlineData("a\tb", "a~\tb")]
    [InlineData("<|user|>", "<|~user~|>")]
    public void Chunks_follow_the_documented_rules(string text, string expected) // chunks separated by ~
    {
        Assert.Equal(expected.Split('~'), Chunks(text));
    }

    [Fact]
    public void Long_runs_are_cut_so_encoding_stays_linear()
    {
        Assert.Equal([32, 8], Chunks(new string('a', 40)).Select(chunk => chunk.Length));
        Assert.Equal([32, 32, 1], Chunks(new string(' ', 65)).Select(chunk => chunk.Length));
    }

    private static IEnumerable<string> Chunks(string text)
    {
        var ranges = new List<Range>();
        PreTokenizer.Split(text, ranges);
        Assert.Equal(text, string.Concat(ranges.Select(range => text[range])));
        return ranges.Select(range => text[range]);
    }
}
