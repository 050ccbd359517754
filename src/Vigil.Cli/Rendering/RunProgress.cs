using System.Diagnostics;
using System.Globalization;
using Spectre.Console;
using Vigil.Evaluation.Nab;

namespace Vigil.Cli.Rendering;

/// <summary>
/// Shows how far a long command has come on stderr: rows done, rate and time left, and files for a NAB run. Nothing
/// is shown for work that ends within <see cref="Delay"/> (about 2 s). On a terminal it is one bar redrawn in place
/// and erased at the end; otherwise (a log, a pipe) a plain line every <see cref="PlainInterval"/>. <c>--quiet</c>
/// shows nothing; <c>VIGIL_PROGRESS=always</c> shows it from the start, <c>never</c> never.
/// </summary>
public sealed class RunProgress : IDisposable
{
    /// <summary>Work shorter than this shows no progress.</summary>
    public static readonly TimeSpan Delay = TimeSpan.FromSeconds(2);

    /// <summary>Between two plain progress lines when stderr is not a terminal.</summary>
    public static readonly TimeSpan PlainInterval = TimeSpan.FromSeconds(10);

    private static readonly TimeSpan BarInterval = TimeSpan.FromMilliseconds(250);
    private const int BarWidth = 24;

    private readonly IAnsiConsole _console;
    private readonly string _title;
    private readonly long _rowsTotal;
    private readonly int _filesTotal;
    private readonly bool _interactive;
    private readonly bool _always;
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly Timer? _timer;
    private readonly Lock _drawing = new();
    private long _rowsDone;
    private int _filesDone;
    private bool _drawn;
    private bool _disposed;

    private RunProgress(IAnsiConsole console, string title, long rowsTotal, int filesTotal, ProgressMode mode)
    {
        _console = console;
        _title = title;
        _rowsTotal = Math.Max(0, rowsTotal);
        _filesTotal = filesTotal;
        _interactive = console.Profile.Capabilities.Interactive;
        _always = mode == ProgressMode.Always;
        if (mode != ProgressMode.Never)
        {
            var first = mode == ProgressMode.Always ? TimeSpan.Zero : Delay;
            var every = _interactive ? BarInterval : mode == ProgressMode.Always ? TimeSpan.FromMilliseconds(50) : PlainInterval;
            _timer = new Timer(_ => Draw(), null, first, every);
        }
    }

    /// <summary>Rows done so far (thread-safe; the latest total wins).</summary>
    public void ReportRows(long rowsDone) => Interlocked.Exchange(ref _rowsDone, rowsDone);

    /// <summary>Erases the bar (on a terminal) and stops drawing.</summary>
    public void Dispose()
    {
        _timer?.Dispose();
        lock (_drawing)
        {
            if (_drawn && _interactive)
            {
                _console.Profile.Out.Writer.Write("\r\u001b[2K");
                _console.Profile.Out.Writer.Flush();
            }
            else if (!_interactive && (_drawn || _always))
            {
                _console.WriteLine(Line());   // a log that showed progress also shows where it ended
            }

            _disposed = true;
        }
    }

    /// <summary>Runs <paramref name="work"/> over <paramref name="rowsTotal"/> rows; it reports rows done through the callback.</summary>
    public static T ShowRows<T>(CliContext context, string title, long rowsTotal, bool quiet, Func<Action<int>, T> work)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(work);
        using var progress = new RunProgress(context.Error, title, rowsTotal, 0, ModeFor(context, quiet));
        return work(rows => progress.ReportRows(rows));
    }

    /// <summary>Runs a NAB run, feeding it a progress sink that drives the display.</summary>
    public static T Show<T>(CliContext context, string title, long rowsTotal, int filesTotal, bool quiet, Func<IProgress<NabRunProgress>, T> work)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(work);
        using var progress = new RunProgress(context.Error, title, rowsTotal, filesTotal, ModeFor(context, quiet));
        return work(new SynchronousProgress(p =>
        {
            Interlocked.Exchange(ref progress._filesDone, p.FilesDone);
            progress.ReportRows(p.RowsDone);
        }));
    }

    private static ProgressMode ModeFor(CliContext context, bool quiet) => quiet ? ProgressMode.Never : context.Environment("VIGIL_PROGRESS") switch
    {
        "always" => ProgressMode.Always,
        "never" => ProgressMode.Never,
        _ => ProgressMode.Auto,
    };

    private void Draw()
    {
        lock (_drawing)
        {
            if (_disposed)
            {
                return;
            }

            string line = Line();
            if (_interactive)
            {
                _console.Profile.Out.Writer.Write("\r\u001b[2K" + line);
                _console.Profile.Out.Writer.Flush();
            }
            else
            {
                _console.WriteLine(line);
            }

            _drawn = true;
        }
    }

    /// <summary>E.g. <c>htm [██████░░░░] 42% 1,234,567/2,939,389 rows, 12/58 files, 81,234 rows/s, 21 s left</c>.</summary>
    private string Line()
    {
        long done = Math.Min(Interlocked.Read(ref _rowsDone), _rowsTotal);
        double fraction = _rowsTotal == 0 ? 0 : (double)done / _rowsTotal;
        double seconds = _clock.Elapsed.TotalSeconds;
        double rate = seconds > 0 ? done / seconds : 0;
        string left = rate > 0 && done < _rowsTotal ? Duration((_rowsTotal - done) / rate) + " left" : "";
        int filled = (int)Math.Round(fraction * BarWidth);
        string bar = _interactive ? "[" + new string('█', filled) + new string('░', BarWidth - filled) + "] " : "";
        string files = _filesTotal > 0 ? string.Create(CultureInfo.InvariantCulture, $", {Volatile.Read(ref _filesDone)}/{_filesTotal} files") : "";
        return string.Create(CultureInfo.InvariantCulture,
            $"{_title} {bar}{fraction * 100:F0}% {done:N0}/{_rowsTotal:N0} rows{files}, {rate:N0} rows/s{(left.Length > 0 ? ", " + left : "")}");
    }

    private static string Duration(double seconds) => seconds switch
    {
        < 60 => string.Create(CultureInfo.InvariantCulture, $"{Math.Ceiling(seconds):F0} s"),
        < 3600 => string.Create(CultureInfo.InvariantCulture, $"{(int)(seconds / 60)} min {(int)(seconds % 60)} s"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{(int)(seconds / 3600)} h {(int)(seconds % 3600 / 60)} min"),
    };

    private enum ProgressMode
    {
        Auto,
        Always,
        Never,
    }

    /// <summary>Reports on the calling thread (Progress&lt;T&gt; would post to a context and lag or reorder).</summary>
    private sealed class SynchronousProgress(Action<NabRunProgress> report) : IProgress<NabRunProgress>
    {
        public void Report(NabRunProgress value) => report(value);
    }
}
