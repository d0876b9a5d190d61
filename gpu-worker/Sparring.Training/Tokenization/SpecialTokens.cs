namespace Sparring.Training.Tokenization;

/// <summary>The ids and texts of the special tokens, fixed for every tokenizer so that the chat template can name them.</summary>
/// <remarks>
/// Special ids come first (0–15) and the 256 byte tokens follow, so a tokenizer trained with more or fewer merges keeps
/// every special and byte id. Plain text never encodes to these ids: they enter a sequence only through the template.
/// Six ids are reserved so that later specials do not move the byte tokens.
/// </remarks>
public static class SpecialTokens
{
    /// <summary>Padding for batches; never trained on.</summary>
    public const int Pad = 0;

    /// <summary>Starts every rendered conversation.</summary>
    public const int Bos = 1;

    /// <summary>Ends a document when conversations are packed together.</summary>
    public const int Eos = 2;

    /// <summary>Header of a system message.</summary>
    public const int System = 3;

    /// <summary>Header of a user message.</summary>
    public const int User = 4;

    /// <summary>Header of an assistant message; a generation prompt ends with it.</summary>
    public const int Assistant = 5;

    /// <summary>Header of a tool result message.</summary>
    public const int Tool = 6;

    /// <summary>Opens one tool call inside an assistant message; its JSON runs to the next special token.</summary>
    public const int ToolCall = 7;

    /// <summary>Ends every message, the assistant's included.</summary>
    public const int End = 8;

    /// <summary>Header of the block that declares the tools the assistant may call.</summary>
    public const int Tools = 9;

    /// <summary>How many ids the special tokens occupy, reserved ones included.</summary>
    public const int Count = 16;

    private static readonly string[] Texts =
    [
        "<|pad|>", "<|bos|>", "<|eos|>", "<|system|>", "<|user|>", "<|assistant|>", "<|tool|>", "<|tool_call|>",
        "<|end|>", "<|tools|>", "<|reserved_10|>", "<|reserved_11|>", "<|reserved_12|>", "<|reserved_13|>",
        "<|reserved_14|>", "<|reserved_15|>",
    ];

    /// <summary>Whether an id belongs to a special token.</summary>
    public static bool IsSpecial(int id) => id is >= 0 and < Count;

    /// <summary>The text a special token is shown as when decoding (it never encodes back to the special id).</summary>
    public static string TextOf(int id) =>
        IsSpecial(id) ? Texts[id] : throw new ArgumentOutOfRangeException(nameof(id), id, "Not a special token id.");
}
