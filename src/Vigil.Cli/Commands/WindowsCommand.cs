using System.CommandLine;
using System.Globalization;
using Spectre.Console;
using Vigil.Cli.Input;
using Vigil.Cli.Rendering;
using Vigil.Features;
using Vigil.IO;
using Vigil.Windows;

namespace Vigil.Cli.Commands;

/// <summary>
/// <c>vigil windows</c>: cut a series into right-aligned, causal windows (by time, <c>--window 1h --step 5m</c>, or by
/// rows, <c>--window 32 --step 1</c>) and write one row of features per window, stamped with the window's end.
/// </summary>
public static class WindowsCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create(CliContext context)
    {
        var input = new Option<string>("--input", "-i") { Description = "Series CSV with 'timestamp' and 'value' columns; - reads standard input.", Required = true, HelpName = "SERIES.csv" };
        var window = new Option<string>("--window") { Description = "Window length: a duration with a unit (30s, 5m, 1h, 1d) for time windows, or a bare number of rows.", Required = true, HelpName = "SPAN" };
        var step = new Option<string?>("--step") { Description = "Between window ends: a duration with a unit for time windows (default: the window), or a number of rows for row windows (default 1).", HelpName = "SPAN" };
        var features = new Option<string>("--features") { Description = "Feature set: basic, spectral, all or raw (raw needs row windows).", DefaultValueFactory = _ => "basic", HelpName = "SET" };
        var normalizeRaw = new Option<bool>("--normalize-raw") { Description = "With --features raw, z-normalise each window." };
        var minPoints = new Option<int>("--min-points") { Description = "Time windows with fewer points are skipped (gap policy).", DefaultValueFactory = _ => 1, HelpName = "N" };
        var output = new Option<string>("--out", "-o") { Description = "Where to write the feature matrix (CSV: timestamp of the window's end, then one column per feature); - writes standard output.", Required = true, HelpName = "FEATURES.csv" };

        var command = new Command("windows", "Extract features from sliding windows of a series (right-aligned and causal).")
        {
            input, window, step, features, normalizeRaw, minPoints, output,
        };
        command.SetAction(parse =>
        {
            string outputPath = parse.GetValue(output)!;
            string windowText = parse.GetValue(window)!;
            string? stepText = parse.GetValue(step);
            string set = parse.GetValue(features)!;
            if (!FeatureSets.Names.Contains(set.ToLowerInvariant()))
            {
                throw new CliUsageException($"--features must be one of {string.Join(", ", FeatureSets.Names)}, got '{set}'.");
            }

            string inputPath = parse.GetValue(input)!;
            OutputFile.Check("--out", outputPath);
            OutputFile.EnsureNotInput(inputPath, outputPath);
            var series = SeriesInput.Read(context, inputPath, new CsvReadOptions());
            FeatureMatrix matrix;
            if (int.TryParse(windowText, NumberStyles.None, CultureInfo.InvariantCulture, out int rows))
            {
                int stride = 1;
                if (stepText is not null && (!int.TryParse(stepText, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out stride) || stride < 1))
                {
                    throw new CliUsageException($"--step must be a positive number of rows with a row window, got '{stepText}'.");
                }

                if (rows < 1)
                {
                    throw new CliUsageException($"--window must be at least 1 row, got {rows}.");
                }

                if (rows > series.Length)
                {
                    throw new CliUsageException($"--window of {rows} rows is larger than the series ({series.Length} rows): there is no complete window.");
                }

                matrix = Windowing.Featurize(series, new WindowSpec(rows, stride), FeatureSets.Get(set, rows, parse.GetValue(normalizeRaw)));
            }
            else
            {
                var span = ParseDuration(windowText, "--window");
                if (stepText is not null && double.TryParse(stepText, NumberStyles.Float, CultureInfo.InvariantCulture, out _))
                {
                    throw new CliUsageException($"--step '{stepText}' has no unit: with a time window (--window {windowText}) the step is a duration such as {stepText}s, {stepText}m or {stepText}h.");
                }

                var every = stepText is null ? span : ParseDuration(stepText, "--step");
                if (set.Equals("raw", StringComparison.OrdinalIgnoreCase))
                {
                    throw new CliUsageException("--features raw needs a fixed number of values per window: give --window as a number of rows.");
                }

                int min = parse.GetValue(minPoints);
                if (min < 1)
                {
                    throw new CliUsageException($"--min-points must be at least 1, got {min}.");
                }

                matrix = Windowing.Featurize(series, new TimeWindowSpec(span, every, min), FeatureSets.Get(set));
            }

            var timestamps = matrix.Timestamps.ToArray();
            var timestampFormat = TimestampFormat.For(timestamps);
            OutputFile.WriteText(context, "--out", outputPath, w =>
            {
                w.WriteLine("timestamp," + string.Join(',', matrix.ColumnNames));
                for (int r = 0; r < matrix.Rows; r++)
                {
                    w.Write(timestampFormat.Format(timestamps[r]));
                    foreach (double v in matrix.Row(r))
                    {
                        w.Write(',');
                        w.Write(v.ToString("R", CultureInfo.InvariantCulture));
                    }

                    w.WriteLine();
                }
            });

            context.Error.MarkupLine($"[green]wrote[/] {matrix.Rows} windows x {matrix.Columns} features to {Markup.Escape(OutputFile.Describe(outputPath))}");
            return CliExitCode.Ok;
        });

        return command;
    }

    /// <summary>Parses <c>90s</c>, <c>5m</c>, <c>1h</c>, <c>2d</c> or <c>hh:mm:ss</c> (<c>01:30:00</c>); positive only, never a bare number.</summary>
    internal static TimeSpan ParseDuration(string text, string option)
    {
        TimeSpan result;
        char unit = text.Length > 0 ? char.ToLowerInvariant(text[^1]) : ' ';
        if ("smhd".Contains(unit, StringComparison.Ordinal) && double.TryParse(text[..^1], NumberStyles.AllowDecimalPoint | NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out double amount))
        {
            result = unit switch
            {
                's' => TimeSpan.FromSeconds(amount),
                'm' => TimeSpan.FromMinutes(amount),
                'h' => TimeSpan.FromHours(amount),
                _ => TimeSpan.FromDays(amount),
            };
        }
        else if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out _))
        {
            // TimeSpan would read a bare "12" as 12 days; a duration always needs its unit.
            throw new CliUsageException($"{option} '{text}' has no unit: a duration needs one, e.g. {text}s, {text}m, {text}h or {text}d.");
        }
        else if (!TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out result))
        {
            throw new CliUsageException($"{option} '{text}' is not a duration (e.g. 30s, 5m, 1h, 1d) or a number of rows.");
        }

        if (result <= TimeSpan.Zero)
        {
            throw new CliUsageException($"{option} must be positive, got '{text}'.");
        }

        return result;
    }
}
