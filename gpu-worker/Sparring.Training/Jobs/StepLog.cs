using Microsoft.Extensions.Logging;

namespace Sparring.Training.Jobs;

/// <summary>
/// Receives a trainer's per-step progress on the training thread: remembers the last step done (what an interruption
/// saves), logs every step at Debug and about every twentieth at Information.
/// </summary>
internal sealed class StepLog<T>(ILogger logger, string jobId, string what, Func<T, (int Step, int Total, double Loss)> read) : IProgress<T>
{
    /// <summary>The last step done.</summary>
    public int LastStep { get; private set; }

    /// <inheritdoc />
    public void Report(T value)
    {
        var (step, total, loss) = read(value);
        LastStep = step;
        var level = step == total || step % Math.Max(1, total / 20) == 0 ? LogLevel.Information : LogLevel.Debug;
        logger.Log(level, "Job {JobId}: {What} step {Step}/{Total}, loss {Loss:F4}", jobId, what, step, total, loss);
    }
}
