namespace Sparring.Abstractions.Storage;

/// <summary>A stored checkpoint file (or manifest) that does not match what the manifest says; the message names the file.</summary>
public sealed class CheckpointCorruptException : Exception
{
    /// <summary>Creates the exception.</summary>
    public CheckpointCorruptException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public CheckpointCorruptException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and its cause.</summary>
    public CheckpointCorruptException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
