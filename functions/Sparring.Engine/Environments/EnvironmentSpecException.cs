namespace Sparring.Engine.Environments;

/// <summary>Thrown when an environment spec has mistakes; <see cref="Errors"/> lists every one found.</summary>
public sealed class EnvironmentSpecException : Exception
{
    /// <summary>Creates the exception from the mistakes found.</summary>
    public EnvironmentSpecException(IReadOnlyList<SpecError> errors)
        : base(Describe(errors))
    {
        Errors = errors;
    }

    /// <summary>Every mistake found, in document order.</summary>
    public IReadOnlyList<SpecError> Errors { get; }

    private static string Describe(IReadOnlyList<SpecError> errors) =>
        errors.Count == 1
            ? $"The environment spec has a mistake: {errors[0]}"
            : $"The environment spec has {errors.Count} mistakes:{System.Environment.NewLine}" +
              string.Join(System.Environment.NewLine, errors.Select(e => "  " + e));
}
