using Microsoft.DurableTask;
using Sparring.Orchestration.Contracts;
using Sparring.Orchestration.Services;

namespace Sparring.Orchestration.Activities;

/// <summary>Sends a training job whose end is raised on the submitting orchestration; a resend trains nothing twice.</summary>
public sealed class SubmitTrainingJobActivity(NightlyServices services) : TaskActivity<TrainingSubmission, string>
{
    /// <inheritdoc />
    public override async Task<string> RunAsync(TaskActivityContext context, TrainingSubmission input)
    {
        ArgumentNullException.ThrowIfNull(input);
        await services.Training.SubmitAsync(input.Job, input.InstanceId, CancellationToken.None).ConfigureAwait(false);
        return input.Job.JobId;
    }
}
