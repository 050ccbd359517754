using Spectre.Console;
using Vigil.Evaluation.Nab;

namespace Vigil.Cli.Rendering;

/// <summary>Shows files and rows done while a NAB run works; plain lines when the console is not interactive.</summary>
public static class RunProgress
{
    /// <summary>Runs <paramref name="work"/>, feeding it a progress sink that drives the display.</summary>
    public static T Show<T>(IAnsiConsole console, string title, long rowsTotal, int filesTotal, Func<IProgress<NabRunProgress>, T> work)
    {
        if (!console.Profile.Capabilities.Interactive)
        {
            int lastFiles = 0;
            var sink = new SynchronousProgress(p =>
            {
                int done = p.FilesDone;
                if (done > Interlocked.Exchange(ref lastFiles, done) && (done == filesTotal || done % 10 == 0))
                {
                    console.WriteLine($"{title}: {done}/{filesTotal} files, {p.RowsDone:N0}/{rowsTotal:N0} rows");
                }
            });
            return work(sink);
        }

        T result = default!;
        console.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn(), new SpinnerColumn())
            .Start(ctx =>
            {
                var files = ctx.AddTask($"{Markup.Escape(title)} files", maxValue: filesTotal);
                var rows = ctx.AddTask($"{Markup.Escape(title)} rows", maxValue: Math.Max(1, rowsTotal));
                result = work(new SynchronousProgress(p =>
                {
                    files.Value = p.FilesDone;
                    rows.Value = p.RowsDone;
                }));
                files.Value = filesTotal;
                rows.Value = rowsTotal;
            });
        return result;
    }

    /// <summary>Reports on the calling thread (Progress&lt;T&gt; would post to a context and lag or reorder).</summary>
    private sealed class SynchronousProgress(Action<NabRunProgress> report) : IProgress<NabRunProgress>
    {
        public void Report(NabRunProgress value) => report(value);
    }
}
