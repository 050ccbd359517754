using System.CommandLine;
using Spectre.Console;
using Vigil.Evaluation.Synthetic;

namespace Vigil.Cli.Commands;

/// <summary><c>vigil synth</c>: seeded synthetic series with labelled anomalies, in NAB's corpus layout.</summary>
public static class SynthCommand
{
    private static readonly string Kinds = string.Join("|", Enum.GetValues<SyntheticKind>().Select(SyntheticSeriesGenerator.Name));

    /// <summary>Builds the command.</summary>
    public static Command Create(CliContext context)
    {
        var kind = new Option<string>("--kind", "-k") { Description = "Generator(s), comma-separated (see docs/synthetic-data.md).", Required = true, HelpName = Kinds };
        var length = new Option<int>("--length", "-n") { Description = $"Rows per series (at least {SyntheticSeriesGenerator.MinimumLength}); one anomaly per 1,000 rows, 1 to 10.", DefaultValueFactory = _ => 4000, HelpName = "N" };
        var seed = new Option<int>("--seed", "-s") { Description = "Seed of the PCG32 generator: the same kind, length and seed give the same file.", DefaultValueFactory = _ => 0, HelpName = "S" };
        var output = new Option<string>("--out", "-o") { Description = "Corpus folder: data/synthetic/KIND.csv, labels/combined_windows.json, config/profiles.json (labels of other kinds already there are kept).", Required = true, HelpName = "DIR" };
        var command = new Command("synth", "Write synthetic series with injected, labelled anomalies in NAB's layout (for nab run --nab-root, tune, train --data).")
        {
            kind, length, seed, output,
        };
        command.SetAction(parse =>
        {
            var kinds = Parse(parse.GetValue(kind)!);
            int n = parse.GetValue(length);
            if (n < SyntheticSeriesGenerator.MinimumLength)
            {
                throw new CliUsageException($"--length must be at least {SyntheticSeriesGenerator.MinimumLength}, got {n}.");
            }

            if (parse.GetValue(seed) < 0)
            {
                throw new CliUsageException($"--seed must be 0 or more, got {parse.GetValue(seed)}.");
            }

            string root = parse.GetValue(output)!;
            foreach (var series in SyntheticCorpus.Write(root, kinds, n, parse.GetValue(seed)))
            {
                context.Error.MarkupLine($"[green]wrote[/] {Markup.Escape(Path.Combine(root, "data", SyntheticCorpus.Category, series.Series.Id + ".csv"))}: {series.Series.Length} rows, {series.AnomalyRows.Count} anomalies, {series.Windows.Count} windows");
            }

            return CliExitCode.Ok;
        });
        return command;
    }

    /// <summary>Parses a comma-separated list of generator names.</summary>
    /// <exception cref="CliUsageException">An unknown name (the message lists the valid ones).</exception>
    public static IReadOnlyList<SyntheticKind> Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var kinds = new List<SyntheticKind>();
        foreach (string name in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            kinds.Add(SyntheticSeriesGenerator.Parse(name) ?? throw new CliUsageException($"Unknown synthetic kind '{name}'; use {Kinds.Replace("|", ", ", StringComparison.Ordinal)}."));
        }

        return kinds.Count > 0 ? kinds.Distinct().ToList() : throw new CliUsageException($"--kind needs at least one of {Kinds}.");
    }
}
