using Sparring.Engine.State;

namespace Sparring.Engine.Tests.State;

public class CanonicalJsonTests
{
    [Fact]
    public void Key_order_and_whitespace_do_not_change_the_hash()
    {
        var a = """{"b": 1, "a": {"y": [1, 2], "x": "z"}}""";
        var b = """
            {
              "a": { "x": "z", "y": [1,2] },
              "b": 1
            }
            """;

        Assert.Equal(CanonicalJson.Hash(a), CanonicalJson.Hash(b));
        Assert.Equal("""{"a":{"x":"z","y":[1,2]},"b":1}""", CanonicalJson.Serialize(a));
    }

    [Fact]
    public void Array_order_changes_the_hash()
    {
        Assert.NotEqual(CanonicalJson.Hash("[1,2]"), CanonicalJson.Hash("[2,1]"));
    }

    [Theory]
    [InlineData("1.0", "1")]
    [InlineData("100", "100")]
    [InlineData("54.040", "54.04")]
    [InlineData("-0", "0")]
    [InlineData("1e21", "1e+21")]
    [InlineData("0.0000001", "1e-7")]
    [InlineData("123456789012", "123456789012")]
    [InlineData("0.1", "0.1")]
    public void Numbers_are_written_as_JavaScript_writes_them(string input, string expected)
    {
        Assert.Equal(expected, CanonicalJson.Serialize(input));
    }

    [Fact]
    public void Strings_escape_only_what_JSON_requires()
    {
        Assert.Equal("\"é \\\" \\\\ \\n \\u0001\"", CanonicalJson.Serialize("\"\\u00e9 \\\" \\\\ \\n \\u0001\""));
    }

    [Fact]
    public void Escaped_and_unescaped_spellings_of_the_same_text_hash_the_same()
    {
        Assert.Equal(CanonicalJson.Hash("""{"caf\u00e9":"a\/b"}"""), CanonicalJson.Hash("""{"café":"a/b"}"""));
        Assert.Equal("""{"café":"a/b"}""", CanonicalJson.Serialize("""{"caf\u00e9":"a\/b"}"""));
    }

    [Fact]
    public void Keys_sort_by_UTF16_code_units()
    {
        Assert.Equal("""{"B":1,"a":2,"é":3}""", CanonicalJson.Serialize("""{"é":3,"a":2,"B":1}"""));
    }

    [Fact]
    public void Hash_is_lowercase_hex_sha256_of_the_canonical_text()
    {
        // sha256("{}")
        Assert.Equal("44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a", CanonicalJson.Hash("{ }"));
    }

    [Fact]
    public void Keys_beyond_the_BMP_sort_before_the_last_BMP_characters_as_in_UTF16()
    {
        // U+1F600 is the surrogate pair D83D DE00, before U+FF21 in UTF-16 though after it in UTF-8 and code points.
        Assert.Equal("{\"a\":1,\"\U0001F600\":3,\"\uFF21\":2}", CanonicalJson.Serialize("{\"\uFF21\":2,\"\U0001F600\":3,\"a\":1}"));
        Assert.Equal("""{"a":1,"b":2}""", CanonicalJson.Serialize("""{"\u0062":2,"a":1}"""));
    }

    [Fact]
    public void Hash_of_a_large_document_is_the_sha256_of_its_canonical_text()
    {
        var items = Enumerable.Range(0, 5000).Select(i => $$"""{"z{{i}}":{{i * 1.5}},"name":"item \"{{i}}\" caf\u00e9","a":[true,null,{"y":1,"x":2}]}""");
        var json = "[" + string.Join(",", items) + "]";

        Assert.True(json.Length > 200_000);
        Assert.Equal(CanonicalJson.Sha256(CanonicalJson.Serialize(json)), CanonicalJson.Hash(json));
    }
}
