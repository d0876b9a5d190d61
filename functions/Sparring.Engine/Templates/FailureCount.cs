namespace Sparring.Engine.Templates;

/// <summary>
/// The failing instances of one template so far, shared by its chunks on every core: past the limit the rest are not
/// made, since a broken generator would otherwise fail thousands of times, slowly, to say the same thing. Thread-safe.
/// </summary>
internal sealed class FailureCount(int limit)
{
    private int _count;

    /// <summary>Whether the limit is reached.</summary>
    public bool Exhausted => Volatile.Read(ref _count) >= limit;

    /// <summary>Counts one more failing instance.</summary>
    public void Add() => Interlocked.Increment(ref _count);
}
