using Microsoft.DurableTask;
using Sparring.Abstractions.Metering;
using Sparring.Abstractions.Storage;
using Sparring.Abstractions.Trajectories;
using Sparring.Engine.Episodes;
using Sparring.Engine.Telemetry;
using Sparring.Orchestration.Contracts;
using Sparring.Orchestration.Services;
using Sparring.Orchestration.Telemetry;

namespace Sparring.Orchestration.Activities;

/// <summary>
/// Runs one episode and stores its trajectory; returns only its summary. Activities run at least once, so this one
/// is idempotent: an episode whose trajectory is already stored is not run again, and the blob name is
/// deterministic, so a retry overwrites rather than duplicates. Transient faults are rethrown for Durable to retry.
/// Every finished episode's usage is recorded after its trajectory is stored, also when it was stored by an earlier
/// attempt: a retry after the trajectory was written (or after the usage was) records it then, and the meter keeps
/// one record per episode however often it is asked.
/// </summary>
public sealed class RunEpisodeActivity(EnvironmentCatalog environments, EpisodeRunners runners, ITrajectoryStore store, IUsageMeter meter) : TaskActivity<RunEpisodeRequest, EpisodeSummary>
{
    /// <inheritdoc />
    public override async Task<EpisodeSummary> RunAsync(TaskActivityContext context, RunEpisodeRequest input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var (settings, episode) = (input.Settings, input.Episode);

        // Activities are not cancelled by their host; a stopped host abandons them and Durable delivers them again.
        var cancellationToken = CancellationToken.None;
        using var activity = OrchestrationTelemetry.StartActivity(nameof(RunEpisodeActivity), settings.Run);
        activity?.SetTag(TelemetryTags.EpisodeId, episode.EpisodeId);
        try
        {
            if (await store.ReadAsync(settings.Run, episode.EpisodeId, cancellationToken).ConfigureAwait(false) is { } stored)
            {
                activity?.SetTag("sparring.episode.stored", true);
                await meter.RecordAsync(settings.Run, stored, cancellationToken).ConfigureAwait(false);
                return EpisodeSummary.From(stored);
            }

            var environment = await environments.GetAsync(settings.Run.Tenant, settings.Environment, cancellationToken).ConfigureAwait(false);
            var runner = runners.Get(environment, settings.Models);
            var trajectory = await runner.RunAsync(new EpisodeRequest(settings.Run.RunId, episode.ScenarioId, episode.Repetition, episode.Seed) { Tenant = settings.Run.Tenant }, cancellationToken).ConfigureAwait(false);
            await store.WriteAsync(settings.Run, trajectory, cancellationToken).ConfigureAwait(false);
            await meter.RecordAsync(settings.Run, trajectory, cancellationToken).ConfigureAwait(false);
            return EpisodeSummary.From(trajectory);
        }
        catch (Exception ex) when (OrchestrationTelemetry.Failed(activity, ex))
        {
            // Never entered: the filter only marks the span.
            throw;
        }
        catch (Exception ex) when (ex is not TransientFaultException && TransientFaults.IsTransient(ex))
        {
            throw new TransientFaultException($"Episode {episode.EpisodeId} hit a transient fault: {ex.Message}", ex);
        }
    }
}
