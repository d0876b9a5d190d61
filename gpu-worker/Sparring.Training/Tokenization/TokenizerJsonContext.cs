using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Sparring.Training.Tokenization;

/// <summary>Source-generated metadata for tokenizer files (compact, so saving the same tokenizer gives the same bytes).</summary>
[JsonSourceGenerationOptions(WriteIndented = false)]
[JsonSerializable(typeof(TokenizerFile))]
internal sealed partial class TokenizerJsonContext : JsonSerializerContext
{
    /// <summary>The metadata with relaxed escaping, so special tokens read as <c>&lt;|end|&gt;</c> in the file, not <c>\u003C|end|\u003E</c>.</summary>
    public static TokenizerJsonContext Readable { get; } = new(new JsonSerializerOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
}
