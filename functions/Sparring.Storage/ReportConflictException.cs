namespace Sparring.Storage;

/// <summary>
/// A run's report.json was replaced (or created) by another writer between reading its ETag and writing: the
/// conditional write did not happen. Read the report again and decide what to write.
/// </summary>
public sealed class ReportConflictException : Exception
{
    /// <summary>Creates the exception.</summary>
    public ReportConflictException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public ReportConflictException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and the storage error behind it.</summary>
    public ReportConflictException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
