using System.Text.Json;
using Azure.Messaging.ServiceBus;
using Microsoft.Extensions.Logging;
using Sparring.Orchestration.Services;
using Sparring.Abstractions.TrainingJobs;

namespace Sparring.Functions.Nightly;

/// <summary>
/// Sends training jobs to the workers' Service Bus queue, each asking to be reported to the submitting orchestration
/// through the Durable raise-event URL. The message id is the job id, so the queue's duplicate detection drops a resend.
/// </summary>
/// <param name="sender">The queue's sender, made on first use: a host without Service Bus settings still starts.</param>
/// <param name="options">The nightly settings (the raise-event URL's parts).</param>
/// <param name="logger">Where sends are logged.</param>
public sealed class ServiceBusTrainingJobs(Lazy<ServiceBusSender> sender, NightlyOptions options, ILogger<ServiceBusTrainingJobs> logger) : ITrainingJobSubmitter
{
    /// <inheritdoc />
    public async Task SubmitAsync(TrainingJob job, string instanceId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(job);
        var withCompletion = job with { Completion = new CompletionTarget(RaiseEventUrl(options, instanceId)) };
        var message = new ServiceBusMessage(JsonSerializer.SerializeToUtf8Bytes(withCompletion, TrainingJobJsonContext.Default.TrainingJob))
        {
            MessageId = job.JobId,
            ContentType = "application/json",
            Subject = job.Kind.ToString().ToLowerInvariant(),
        };
        await sender.Value.SendMessageAsync(message, cancellationToken).ConfigureAwait(false);
        logger.LogInformation("Sent training job {JobId} ({Kind} of {Output}) for orchestration {InstanceId}", job.JobId, job.Kind, job.Output, instanceId);
    }

    /// <summary>The Durable extension's raise-event endpoint of the orchestration, for TrainingCompleted.</summary>
    public static Uri RaiseEventUrl(NightlyOptions options, string instanceId)
    {
        ArgumentNullException.ThrowIfNull(options);
        var baseUrl = options.PublicBaseUrl ?? throw new InvalidOperationException($"{NightlyOptions.SectionName}:PublicBaseUrl is not set: the worker could not report the job's end");
        var key = options.DurableSystemKey ?? throw new InvalidOperationException($"{NightlyOptions.SectionName}:DurableSystemKey is not set: the worker could not report the job's end");
        return new Uri(baseUrl, $"runtime/webhooks/durabletask/instances/{Uri.EscapeDataString(instanceId)}/raiseEvent/{TrainingJobCompletedEvent.EventName}?code={Uri.EscapeDataString(key)}");
    }
}
