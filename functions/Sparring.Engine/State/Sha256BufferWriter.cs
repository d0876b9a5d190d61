using System.Buffers;
using System.Security.Cryptography;

namespace Sparring.Engine.State;

/// <summary>
/// A buffer writer that hashes what is written through a small pooled buffer, so hashing a large document never holds
/// its whole text (a state of hundreds of kilobytes would otherwise land on the large object heap every time).
/// </summary>
internal sealed class Sha256BufferWriter : IBufferWriter<byte>, IDisposable
{
    private const int ChunkBytes = 16 * 1024;

    private readonly IncrementalHash _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
    private byte[] _buffer = ArrayPool<byte>.Shared.Rent(ChunkBytes);
    private int _written;

    /// <inheritdoc />
    public void Advance(int count) => _written += count;

    /// <inheritdoc />
    public Memory<byte> GetMemory(int sizeHint = 0) => _buffer.AsMemory(Reserve(sizeHint));

    /// <inheritdoc />
    public Span<byte> GetSpan(int sizeHint = 0) => _buffer.AsSpan(Reserve(sizeHint));

    /// <summary>Lowercase hex SHA-256 of everything written.</summary>
    public string HexDigest()
    {
        Flush();
        return Convert.ToHexStringLower(_hash.GetHashAndReset());
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _hash.Dispose();
        ArrayPool<byte>.Shared.Return(_buffer);
    }

    // Makes room for at least sizeHint bytes (at least one) and returns where they start.
    private int Reserve(int sizeHint)
    {
        var needed = Math.Max(sizeHint, 1);
        if (_buffer.Length - _written < needed)
        {
            Flush();
        }

        if (_buffer.Length < needed)
        {
            ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = ArrayPool<byte>.Shared.Rent(needed);
        }

        return _written;
    }

    private void Flush()
    {
        _hash.AppendData(_buffer, 0, _written);
        _written = 0;
    }
}
