using Spectre.Console;
using Vigil.Experiments.Tracking;
using Vigil.Storage.Sqlite.Tracking;

namespace Vigil.Cli.Commands;

/// <summary>The tracked run of one command: started before the job, ended (finished or failed) when disposed.</summary>
public sealed class CommandRun : IDisposable
{
    private readonly TrackingSession _session;
    private readonly CliContext _context;
    private readonly string _experiment;
    private bool _completed;

    private CommandRun(TrackingSession session, IRun run, CliContext context, string experiment)
    {
        _session = session;
        Run = run;
        _context = context;
        _experiment = experiment;
    }

    /// <summary>The run to log to.</summary>
    public IRun Run { get; }

    /// <summary>Opens the session the settings describe and starts a run in it.</summary>
    public static CommandRun Start(CliContext context, TrackingSettings settings, string experiment, IReadOnlyDictionary<string, string> tags)
    {
        ArgumentNullException.ThrowIfNull(context);
        void Warn(string message) => context.Error.MarkupLine($"[yellow]warning:[/] {Markup.Escape(message)}");
        var session = TrackingSession.Open(settings, context.Environment, context.Time, Warn);
        var run = session.StartRunAsync(experiment, tags).AsTask().GetAwaiter().GetResult();
        return new CommandRun(session, run, context, experiment);
    }

    /// <summary>
    /// Starts a child run of <see cref="Run"/> in the same experiment (one per detector or file of a command that does
    /// several things): tagged with the parent's id and <paramref name="name"/>; the caller completes and disposes it.
    /// </summary>
    public IRun StartChild(string name, IReadOnlyDictionary<string, string>? tags = null)
    {
        if (Run.Id.Length == 0)
        {
            return NullRun.Instance;
        }

        var childTags = new Dictionary<string, string>(tags ?? new Dictionary<string, string>(), StringComparer.Ordinal)
        {
            [RunTags.ParentRunId] = Run.Id,
            [RunTags.RunName] = name,
        };
        return _session.StartRunAsync(_experiment, childTags).AsTask().GetAwaiter().GetResult();
    }

    /// <summary>Marks the job done: disposing then records the run as finished.</summary>
    public void Complete()
    {
        Run.Complete();
        _completed = true;
    }

    /// <summary>Ends the run (failed unless <see cref="Complete"/> was called) and says where it went.</summary>
    public void Dispose()
    {
        Run.DisposeAsync().AsTask().GetAwaiter().GetResult();
        if (Run.Id.Length > 0 && _completed)
        {
            _context.Error.MarkupLine($"[grey]tracked run {Run.Id} in {Markup.Escape(_session.WhereIs(Run.Id))}[/]");
        }

        _session.Dispose();
    }
}
