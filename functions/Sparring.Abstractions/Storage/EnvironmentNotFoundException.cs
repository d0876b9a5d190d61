namespace Sparring.Abstractions.Storage;

/// <summary>An environment reference names nothing that exists: no such folder or spec file, or no blobs under its prefix.</summary>
public sealed class EnvironmentNotFoundException : Exception
{
    /// <summary>Creates the exception.</summary>
    public EnvironmentNotFoundException()
    {
    }

    /// <summary>Creates the exception with a message naming what was looked for.</summary>
    public EnvironmentNotFoundException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and the error behind it.</summary>
    public EnvironmentNotFoundException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
