using Sparring.Abstractions.TrainingJobs;

namespace Sparring.Orchestration.Services;

/// <summary>
/// Sends training jobs to the workers (Service Bus in Azure, a Storage queue or the process locally) with a completion
/// target that raises <see cref="TrainingJobCompletedEvent.EventName"/> on the given orchestration.
/// </summary>
public interface ITrainingJobSubmitter
{
    /// <summary>Submits <paramref name="job"/>; sending the same job id twice trains it once (its output makes the second a no-op).</summary>
    Task SubmitAsync(TrainingJob job, string instanceId, CancellationToken cancellationToken);
}
