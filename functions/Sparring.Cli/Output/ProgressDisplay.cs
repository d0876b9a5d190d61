using Spectre.Console;

namespace Sparring.Cli.Output;

/// <summary>Shows a long job's progress: a live bar on a terminal, a line at every tenth in logs and CI.</summary>
internal static class ProgressDisplay
{
    /// <summary>Runs <paramref name="run"/>, rendering each status it reports through <paramref name="describe"/>; done and total count <paramref name="unit"/>.</summary>
    public static async Task<TResult> ShowAsync<TStatus, TResult>(IAnsiConsole console, Func<TStatus, (int Done, int Total, string Text)> describe, Func<IProgress<TStatus>, Task<TResult>> run, string unit = "episodes")
    {
        if (console.Profile.Capabilities.Interactive)
        {
            return await console.Progress()
                .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn(), new SpinnerColumn())
                .StartAsync(async context =>
                {
                    var task = context.AddTask(unit);
                    return await run(new Progress<TStatus>(status =>
                    {
                        var (done, total, text) = describe(status);
                        task.MaxValue = Math.Max(1, total);
                        task.Value = done;
                        task.Description = $"{unit} ({Markup.Escape(text)})";
                    })).ConfigureAwait(false);
                }).ConfigureAwait(false);
        }

        var lastTenth = -1;
        var gate = new Lock();
        return await run(new SynchronousProgress<TStatus>(status =>
        {
            var (done, total, text) = describe(status);
            var tenth = done * 10 / Math.Max(1, total);
            lock (gate)
            {
                if (tenth == lastTenth)
                {
                    return;
                }

                lastTenth = tenth;
            }

            console.WriteLine($"  {done}/{total} {unit}, {text}");
        })).ConfigureAwait(false);
    }

    private sealed class SynchronousProgress<T>(Action<T> report) : IProgress<T>
    {
        public void Report(T value) => report(value);
    }
}
