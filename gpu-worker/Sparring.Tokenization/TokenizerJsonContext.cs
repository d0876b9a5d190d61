using System.Text.Json.Serialization;

namespace Sparring.Tokenization;

/// <summary>Source-generated metadata for tokenizer files (compact, so saving the same tokenizer gives the same bytes).</summary>
[JsonSourceGenerationOptions(WriteIndented = false)]
[JsonSerializable(typeof(TokenizerFile))]
internal sealed partial class TokenizerJsonContext : JsonSerializerContext;
