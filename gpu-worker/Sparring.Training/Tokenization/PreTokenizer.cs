using System.Buffers;
using System.Globalization;
using System.Text;

namespace Sparring.Training.Tokenization;

/// <summary>Splits text into the chunks that BPE merges stay inside, so no token spans a chunk boundary.</summary>
/// <remarks>
/// Rules, in the spirit of GPT-4's pattern: every digit is a chunk of its own (ids and prices are then copied digit by
/// digit); a word is a run of letters, marks and underscores (so <c>order_id</c> can become one token), with inner
/// apostrophes, optionally led by one space or punctuation character; punctuation runs may be led by one space;
/// whitespace runs leave their last space to the word that follows. Chunks are cut at <see cref="MaxChunkRunes"/>
/// so a pathological run cannot make encoding quadratic in the text length.
/// </remarks>
internal static class PreTokenizer
{
    /// <summary>The longest chunk, in Unicode scalars.</summary>
    public const int MaxChunkRunes = 32;

    /// <summary>Identifies these rules in tokenizer files; a change to the rules must change this name.</summary>
    public const string Name = "digits-v1";

    private enum Kind : byte
    {
        Letter,
        Digit,
        Space,
        Newline,
        Other,
    }

    private static readonly Kind[] AsciiKinds = BuildAsciiKinds();

    /// <summary>Appends the chunks of <paramref name="text"/> to <paramref name="chunks"/> as ranges of it.</summary>
    public static void Split(ReadOnlySpan<char> text, List<Range> chunks)
    {
        var i = 0;
        while (i < text.Length)
        {
            var kind = KindAt(text, i, out var width);
            var end = kind switch
            {
                Kind.Digit => i + width,
                Kind.Letter => LetterRun(text, i, 0),
                Kind.Newline or Kind.Space => Whitespace(text, i, kind, width),
                _ => Other(text, i, width),
            };
            chunks.Add(new Range(i, end));
            i = end;
        }
    }

    private static int Whitespace(ReadOnlySpan<char> text, int start, Kind kind, int width)
    {
        var next = start + width;
        if (kind == Kind.Space && next < text.Length)
        {
            var nextKind = KindAt(text, next, out _);
            if (nextKind == Kind.Letter)
            {
                return LetterRun(text, next, 1);
            }

            if (nextKind == Kind.Other && text[start] == ' ')
            {
                return OtherRun(text, next, 1);
            }
        }

        var end = start;
        var runes = 0;
        var lastStart = start;
        while (end < text.Length && runes < MaxChunkRunes)
        {
            var k = KindAt(text, end, out var w);
            if (k is not (Kind.Space or Kind.Newline))
            {
                break;
            }

            lastStart = end;
            end += w;
            runes++;
        }

        // Like GPT-4's \s+(?!\S): the last space of a run goes with the word after it, so " the" stays one token.
        if (runes > 1 && end < text.Length && KindAt(text, lastStart, out _) == Kind.Space)
        {
            var following = KindAt(text, end, out _);
            if (following == Kind.Letter || (following == Kind.Other && text[lastStart] == ' '))
            {
                return lastStart;
            }
        }

        return end;
    }

    private static int Other(ReadOnlySpan<char> text, int start, int width)
    {
        var next = start + width;
        return next < text.Length && KindAt(text, next, out _) == Kind.Letter
            ? LetterRun(text, next, 1)
            : OtherRun(text, start, 0);
    }

    private static int LetterRun(ReadOnlySpan<char> text, int start, int runes)
    {
        var end = start;
        while (end < text.Length && runes < MaxChunkRunes)
        {
            var kind = KindAt(text, end, out var width);
            if (kind != Kind.Letter && !IsInnerApostrophe(text, end))
            {
                break;
            }

            end += width;
            runes++;
        }

        return end;
    }

    private static int OtherRun(ReadOnlySpan<char> text, int start, int runes)
    {
        var end = start;
        while (end < text.Length && runes < MaxChunkRunes)
        {
            if (KindAt(text, end, out var width) != Kind.Other)
            {
                break;
            }

            end += width;
            runes++;
        }

        return end;
    }

    private static bool IsInnerApostrophe(ReadOnlySpan<char> text, int index) =>
        text[index] is '\'' or '\u2019' && index > 0 && index + 1 < text.Length
        && KindAt(text, index - 1, out _) == Kind.Letter && KindAt(text, index + 1, out _) == Kind.Letter;

    private static Kind KindAt(ReadOnlySpan<char> text, int index, out int width)
    {
        var c = text[index];
        if (c < 128)
        {
            width = 1;
            return AsciiKinds[c];
        }

        if (Rune.DecodeFromUtf16(text[index..], out var rune, out width) != OperationStatus.Done)
        {
            // A lone surrogate: one char wide; UTF-8 encoding turns it into U+FFFD.
            width = 1;
            return Kind.Other;
        }

        if (Rune.IsWhiteSpace(rune))
        {
            return rune.Value is 0x85 or 0x2028 or 0x2029 ? Kind.Newline : Kind.Space;
        }

        return Rune.GetUnicodeCategory(rune) switch
        {
            UnicodeCategory.DecimalDigitNumber => Kind.Digit,
            UnicodeCategory.UppercaseLetter or UnicodeCategory.LowercaseLetter or UnicodeCategory.TitlecaseLetter
                or UnicodeCategory.ModifierLetter or UnicodeCategory.OtherLetter or UnicodeCategory.NonSpacingMark
                or UnicodeCategory.SpacingCombiningMark or UnicodeCategory.EnclosingMark
                or UnicodeCategory.ConnectorPunctuation => Kind.Letter,
            _ => Kind.Other,
        };
    }

    private static Kind[] BuildAsciiKinds()
    {
        var kinds = new Kind[128];
        for (var c = 0; c < 128; c++)
        {
            kinds[c] = c switch
            {
                >= 'a' and <= 'z' or >= 'A' and <= 'Z' or '_' => Kind.Letter,
                >= '0' and <= '9' => Kind.Digit,
                '\n' or '\r' => Kind.Newline,
                ' ' or '\t' or '\v' or '\f' => Kind.Space,
                _ => Kind.Other,
            };
        }

        return kinds;
    }
}
