namespace Sparring.Abstractions.Storage;

/// <summary>A save of a version that is already complete with other files: versions are immutable, so save a new one.</summary>
public sealed class CheckpointConflictException : Exception
{
    /// <summary>Creates the exception.</summary>
    public CheckpointConflictException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public CheckpointConflictException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and its cause.</summary>
    public CheckpointConflictException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
