using Sparring.Abstractions.TrainingJobs;

namespace Sparring.TrainingQueue.Tests;

/// <summary>A runner that does what each test tells it and records the jobs it was given.</summary>
internal sealed class FakeRunner(Func<TrainingJob, CancellationToken, Task<TrainingJobResult>> run) : ITrainingJobRunner
{
    private int _runs;

    public int Runs => Volatile.Read(ref _runs);

    public static FakeRunner Succeeding() => new((job, _) => Task.FromResult(new TrainingJobResult(job.Output, AlreadyTrained: false)));

    public static FakeRunner Failing(Exception error) => new((_, _) => Task.FromException<TrainingJobResult>(error));

    public Task<TrainingJobResult> RunAsync(TrainingJob job, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _runs);
        return run(job, cancellationToken);
    }
}
