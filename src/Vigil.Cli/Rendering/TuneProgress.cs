using System.Diagnostics;
using Spectre.Console;
using Vigil.Tuning;
using Vigil.Tuning.Space;

namespace Vigil.Cli.Rendering;

/// <summary>
/// Shows trials as they finish: a live table (trial, parameters, value, best so far, pruned count, ETA) on a terminal,
/// one plain line per trial otherwise.
/// </summary>
public static class TuneProgress
{
    /// <summary>Runs <paramref name="work"/>, handing it the callback that a finished trial calls.</summary>
    public static T Show<T>(IAnsiConsole console, SearchSpace space, StudyDirection direction, int trials, int workers, Func<Action<TrialRecord>, T> work)
    {
        var clock = Stopwatch.StartNew();
        var gate = new Lock();
        int done = 0, pruned = 0, failed = 0;
        double? best = null;
        string Eta()
        {
            if (done == 0)
            {
                return "?";
            }

            double perTrial = clock.Elapsed.TotalSeconds / done;
            double left = Math.Max(0, trials - done) * perTrial;
            return TimeSpan.FromSeconds(Math.Round(left)).ToString();
        }

        void Count(TrialRecord t)
        {
            done++;
            pruned += t.State == TrialState.Pruned ? 1 : 0;
            failed += t.State == TrialState.Failed ? 1 : 0;
            if (t.State == TrialState.Complete && t.Value is { } v && (best is null || (direction == StudyDirection.Maximize ? v > best : v < best)))
            {
                best = v;
            }
        }

        string Value(TrialRecord t) => t.State switch
        {
            TrialState.Complete => $"{t.Value:G6}",
            TrialState.Pruned => $"pruned at step {t.Intermediates.Count}",
            _ => "failed: " + (t.Message ?? ""),
        };

        if (!console.Profile.Capabilities.Interactive)
        {
            return work(t =>
            {
                lock (gate)
                {
                    Count(t);
                    console.WriteLine($"trial {t.Number}: {space.Format(t.Parameters)} -> {Value(t)} | best {best:G6} | pruned {pruned} | failed {failed} | {done}/{trials} | ETA {Eta()}");
                }
            });
        }

        var table = new Table().Border(TableBorder.Rounded)
            .AddColumns("trial", "parameters", "value", "best so far", "pruned", "ETA");
        T result = default!;
        console.Live(table).AutoClear(false).Start(ctx =>
        {
            result = work(t =>
            {
                lock (gate)
                {
                    Count(t);
                    table.AddRow(t.Number.ToString(System.Globalization.CultureInfo.InvariantCulture), Markup.Escape(space.Format(t.Parameters)), Markup.Escape(Value(t)),
                        $"{best:G6}", pruned.ToString(System.Globalization.CultureInfo.InvariantCulture), Eta());
                    while (table.Rows.Count > 25)
                    {
                        table.Rows.RemoveAt(0);
                    }

                    ctx.Refresh();
                }
            });
        });
        return result;
    }
}
