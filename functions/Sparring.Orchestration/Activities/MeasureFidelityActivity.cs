using System.Text.Json;
using Microsoft.DurableTask;
using Sparring.Abstractions.Storage;
using Sparring.Orchestration.Contracts;
using Sparring.Orchestration.Services;
using Sparring.Transcripts.Derivation;
using Sparring.Transcripts.Fidelity;
using Sparring.Transcripts.Json;
using Sparring.Transcripts.Parsing;

namespace Sparring.Orchestration.Activities;

/// <summary>
/// How close the grounded users of a nightly run came to the real customers: the data run's episodes on the derived
/// scenarios against the redacted transcripts, scored by <see cref="FidelityScorer"/>; stored as the nightly run's
/// <see cref="RunFiles.Fidelity"/>. Null when there are too few conversations on either side to compare.
/// </summary>
public sealed class MeasureFidelityActivity(NightlyServices services, ITrajectoryStore store) : TaskActivity<FidelityRequest, double?>
{
    /// <inheritdoc />
    public override async Task<double?> RunAsync(TaskActivityContext context, FidelityRequest input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var cancellationToken = CancellationToken.None;
        IReadOnlyList<Transcript> real;
        await using (var stream = await services.Files.OpenReadAsync(input.Tenant, input.Grounding, cancellationToken).ConfigureAwait(false))
        {
            real = stream is null ? [] : await JsonSerializer.DeserializeAsync(stream, TranscriptsJsonContext.Default.IReadOnlyListTranscript, cancellationToken).ConfigureAwait(false) ?? [];
        }

        var simulated = new List<Transcript>();
        await foreach (var trajectory in store.ReadAllAsync(new RunKey(input.Tenant, input.DataRunId), cancellationToken).ConfigureAwait(false))
        {
            if (trajectory.Scenario.Id.StartsWith(ScenarioDeriver.IdPrefix, StringComparison.Ordinal))
            {
                simulated.Add(FidelitySimulation.FromTrajectory(trajectory));
            }
        }

        // The classifier needs a few conversations of each kind to cross-validate.
        if (real.Count < 2 || simulated.Count < 2)
        {
            return null;
        }

        var report = FidelityScorer.Score(input.User, real, simulated);
        using var content = new MemoryStream(JsonSerializer.SerializeToUtf8Bytes(report, TranscriptsJsonContext.Default.FidelityReport));
        await store.WriteFileAsync(new RunKey(input.Tenant, input.NightlyId), RunFiles.Fidelity, content, cancellationToken).ConfigureAwait(false);
        return Math.Round(report.Overall, 4);
    }
}
