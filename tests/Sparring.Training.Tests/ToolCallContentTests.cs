using System.Text.Json;
using Sparring.Training.Tokenization;
using Sparring.Training.Chat;

namespace Sparring.Training.Tests;

/// <summary>What a policy's generated tool call becomes for the engine: never an exception, always a call the graders can count.</summary>
public sealed class ToolCallContentTests
{
    [Fact]
    public void A_valid_call_keeps_its_name_and_arguments()
    {
        var call = ToolCallContent.From(ChatTemplate.ParseCall("""{"name":"find_customer","arguments":{"email":"a@b.c","n":2}}"""), "c1");

        Assert.Null(call.Exception);
        Assert.Equal("find_customer", call.Name);
        Assert.Equal("a@b.c", ((JsonElement)call.Arguments!["email"]!).GetString());
        Assert.Equal(2, ((JsonElement)call.Arguments["n"]!).GetInt32());
    }

    [Theory]
    [InlineData("""{"name":"find_customer","arguments":{"customer_id":"C1","customer_id":"C2"}}""", "the argument 'customer_id' is given twice", "find_customer")]
    [InlineData("""{"name":"find_customer","arguments":{"email":""", "", "invalid_tool_call")]
    [InlineData("""CUS-14 cancel{"customer_id":"C1"}""", "", "invalid_tool_call")]
    public void A_malformed_call_becomes_an_invalid_call_naming_the_problem(string raw, string problem, string name)
    {
        var call = ToolCallContent.From(ChatTemplate.ParseCall(raw), "c1");

        var error = Assert.IsType<InvalidDataException>(call.Exception);
        Assert.Contains(problem, error.Message, StringComparison.Ordinal);
        Assert.Contains(raw, error.Message, StringComparison.Ordinal);
        Assert.Equal(name, call.Name);
    }
}
