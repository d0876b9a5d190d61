using System.Text.Json;
using System.Text.RegularExpressions;
using Sparring.Serving.Errors;
using Sparring.Serving.Protocol;

namespace Sparring.Serving.Translation;

/// <summary>Reads a request body, turning any JSON mistake into a 400 that names the JSON path.</summary>
internal static partial class RequestReader
{
    /// <summary>The request in <paramref name="body"/>.</summary>
    public static async Task<ChatCompletionRequest> ReadAsync(Stream body, CancellationToken cancellationToken)
    {
        ChatCompletionRequest? request;
        try
        {
            request = await JsonSerializer.DeserializeAsync(body, ServingJsonContext.Default.ChatCompletionRequest, cancellationToken).ConfigureAwait(false);
        }
        catch (JsonException ex)
        {
            throw Describe(ex);
        }

        return request ?? throw ApiErrorException.Invalid(null, "The request body must be a JSON object, not null.");
    }

    private static ApiErrorException Describe(JsonException ex)
    {
        var path = string.IsNullOrEmpty(ex.Path) ? "$" : ex.Path;
        var param = path == "$" ? null : path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : path;
        var where = ex.LineNumber is { } line ? $" (line {line + 1}, byte {ex.BytePositionInLine + 1})" : string.Empty;
        return ApiErrorException.Invalid(param, $"Invalid JSON at {path}: {Reason(ex)}{where}.");
    }

    // System.Text.Json names CLR types; callers know JSON types, so say which one was expected and which came.
    private static string Reason(JsonException ex)
    {
        if (ex.InnerException is InvalidOperationException inner && TokenMismatch().Match(inner.Message) is { Success: true } mismatch)
        {
            return $"expected {mismatch.Groups["expected"].Value}, not {Token(mismatch.Groups["token"].Value)}";
        }

        const string WrongType = "The JSON value could not be converted to ";
        if (ex.Message.StartsWith(WrongType, StringComparison.Ordinal))
        {
            var type = ex.Message[WrongType.Length..];
            var expected = type switch
            {
                _ when type.StartsWith("System.String", StringComparison.Ordinal) => "a string",
                _ when type.Contains("Boolean", StringComparison.Ordinal) => "true or false",
                _ when type.Contains("Int32", StringComparison.Ordinal) || type.Contains("Int64", StringComparison.Ordinal) => "an integer",
                _ when type.Contains("Single", StringComparison.Ordinal) || type.Contains("Double", StringComparison.Ordinal) => "a number",
                _ when type.StartsWith("System.Collections", StringComparison.Ordinal) => "an array",
                _ => "an object",
            };
            return $"expected {expected}";
        }

        var end = ex.Message.IndexOf(" Path:", StringComparison.Ordinal);
        return (end > 0 ? ex.Message[..end] : ex.Message).TrimEnd('.');
    }

    private static string Token(string token) => token switch
    {
        "String" => "a string",
        "Number" => "a number",
        "True" or "False" => token.ToLowerInvariant(),
        "StartObject" => "an object",
        "StartArray" => "an array",
        "Null" => "null",
        _ => token,
    };

    [GeneratedRegex("^Cannot get the value of a token type '(?<token>\\w+)' as (?<expected>an? \\w+)\\.")]
    private static partial Regex TokenMismatch();
}
