namespace Sparring.Abstractions.Storage;

/// <summary>A checkpoint that is not stored complete, or a model with no current version; the message names the location.</summary>
public sealed class CheckpointNotFoundException : Exception
{
    /// <summary>Creates the exception.</summary>
    public CheckpointNotFoundException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public CheckpointNotFoundException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and its cause.</summary>
    public CheckpointNotFoundException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
