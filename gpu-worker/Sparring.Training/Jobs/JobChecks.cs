using Sparring.Abstractions.TrainingJobs;

namespace Sparring.Training.Jobs;

/// <summary>Turns a job's bad settings into failures no retry can mend.</summary>
internal static class JobChecks
{
    /// <summary>Runs an options record's own validation; what it refuses fails the job for good.</summary>
    public static void Validate(Action validate)
    {
        try
        {
            validate();
        }
        catch (ArgumentException ex)
        {
            throw new PermanentJobFailureException($"hyperparameters: {ex.Message.Split(" (Parameter")[0]}", ex);
        }
    }

    /// <summary>Fails the job for good with <paramref name="message"/> unless <paramref name="condition"/> holds.</summary>
    public static void Require(bool condition, string message)
    {
        if (!condition)
        {
            throw new PermanentJobFailureException(message);
        }
    }
}
