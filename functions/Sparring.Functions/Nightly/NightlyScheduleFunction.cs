using Cronos;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;
using Sparring.Abstractions.Storage;
using Sparring.Orchestration.Contracts;
using Sparring.Orchestration.Orchestrators;
using Sparring.Tenancy.Tenants;

namespace Sparring.Functions.Nightly;

/// <summary>
/// The nightly schedule: a timer every 15 minutes starts NightlyRetrain for each tenant whose CRON had an occurrence
/// since the previous tick. The instance id carries the tenant and the occurrence, so a late or repeated tick never
/// starts the same night twice.
/// </summary>
public sealed class NightlyScheduleFunction(ITenantDirectory tenants, NightlyOptions options, TimeProvider timeProvider, ILogger<NightlyScheduleFunction> logger)
{
    /// <summary>How far back a tick looks for occurrences: the timer's period.</summary>
    public static readonly TimeSpan Period = TimeSpan.FromMinutes(15);

    /// <summary>Starts the nights that are due.</summary>
    [Function("NightlySchedule")]
    public async Task RunAsync([TimerTrigger("0 */15 * * * *")] TimerInfo timer, [DurableClient] DurableTaskClient client, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        foreach (var request in await DueAsync(timeProvider.GetUtcNow(), cancellationToken).ConfigureAwait(false))
        {
            if (await client.GetInstanceAsync(request.NightlyId, cancellationToken).ConfigureAwait(false) is not null)
            {
                continue;
            }

            await client.ScheduleNewOrchestrationInstanceAsync(nameof(NightlyRetrainOrchestrator), request, new StartOrchestrationOptions(request.NightlyId), cancellationToken).ConfigureAwait(false);
            logger.LogInformation("Started nightly retraining {NightlyId} of tenant {Tenant}", request.NightlyId, request.Tenant);
        }
    }

    /// <summary>The nightly runs due at <paramref name="now"/>: one per tenant whose CRON fired in the last period.</summary>
    public async Task<IReadOnlyList<NightlyRetrainRequest>> DueAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var due = new List<NightlyRetrainRequest>();
        await foreach (var tenant in tenants.ListAsync(cancellationToken).ConfigureAwait(false))
        {
            if (tenant.NightlyCron is not { } cron)
            {
                continue;
            }

            var occurrence = CronExpression.Parse(cron).GetNextOccurrence(now.UtcDateTime - Period, TimeZoneInfo.Utc);
            if (occurrence is not { } fired || fired > now.UtcDateTime)
            {
                continue;
            }

            if (options.EnvironmentName is null || options.EnvironmentVersion is null)
            {
                logger.LogError("Tenant {Tenant}'s nightly retraining is due, but {Section}:EnvironmentName and EnvironmentVersion are not set", tenant.Id, NightlyOptions.SectionName);
                continue;
            }

            var nightlyId = $"nightly-{tenant.Id}-{fired:yyyyMMdd-HHmm}";
            due.Add(new NightlyRetrainRequest
            {
                NightlyId = nightlyId,
                Tenant = tenant.Id,
                Now = new DateTimeOffset(fired, TimeSpan.Zero),
                Environment = new EnvironmentReference(Name: options.EnvironmentName, Version: options.EnvironmentVersion),
                PolicyModel = options.PolicyModel ?? $"{options.EnvironmentName}-policy",
                EpisodesPerScenario = options.EpisodesPerScenario,
                PromotionMargin = options.PromotionMargin,
                TrainingTimeout = options.TrainingTimeout,
                Callback = options.PublicBaseUrl is { } baseUrl ? new CompletionCallback(new Uri(baseUrl, $"api/runs/{nightlyId}").AbsoluteUri) : null,
            });
        }

        return due;
    }
}
