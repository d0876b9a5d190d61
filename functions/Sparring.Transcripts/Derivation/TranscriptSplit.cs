using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace Sparring.Transcripts.Derivation;

/// <summary>Assigns a transcript to train or test by a hash of its id: the same transcript always lands on the same side.</summary>
public static class TranscriptSplit
{
    /// <summary>The default share of transcripts held out for testing, in percent.</summary>
    public const int DefaultTestPercent = 20;

    /// <summary>train or test for <paramref name="transcriptId"/>.</summary>
    public static string Of(string transcriptId, int testPercent = DefaultTestPercent)
    {
        ArgumentNullException.ThrowIfNull(transcriptId);
        ArgumentOutOfRangeException.ThrowIfNegative(testPercent);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(testPercent, 100);
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes("split/" + transcriptId));
        return BinaryPrimitives.ReadUInt32BigEndian(hash) % 100 < testPercent ? "test" : "train";
    }
}
