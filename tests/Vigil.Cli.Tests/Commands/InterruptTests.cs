using System.Diagnostics;
using System.Globalization;
using Spectre.Console;
using Vigil.Testing;

namespace Vigil.Cli.Tests.Commands;

/// <summary>Issue 12 items 18 and 21: Ctrl+C stops a run promptly with nothing half-written; the NAB table names the real file count.</summary>
public sealed class InterruptTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("vigil-interrupt-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string LongInput(int rows)
    {
        string path = Path.Combine(_dir, "long.csv");
        var start = new DateTime(2020, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        File.WriteAllLines(path, Enumerable.Range(0, rows)
            .Select(i => $"{start.AddMinutes(i):yyyy-MM-dd HH:mm:ss},{Math.Sin(i / 9.0).ToString("R", CultureInfo.InvariantCulture)}")
            .Prepend("timestamp,value"));
        return path;
    }

    [Fact]
    public void ACancelledDetectReportsInterruptedAndWritesNothing()
    {
        using var cancel = new CancellationTokenSource();
        cancel.Cancel();
        string output = Path.Combine(_dir, "scores.csv");
        var result = new CliRunner().WithCancellation(cancel.Token).Run("detect", "-d", "moving-zscore", "-i", LongInput(5000), "-o", output);
        Assert.Equal(CliExitCode.Interrupted, result.ExitCode);
        Assert.Contains("interrupted", result.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(output));
        Assert.Single(Directory.GetFiles(_dir));   // the input only: no temporary file either
    }

    [Fact]
    public void ACancelledNabScoreWritesNoTables()
    {
        using var corpus = new TuningCorpus(files: 2, rows: 400);
        string results = Path.Combine(_dir, "results");   // outside the corpus: scoring refuses to write into one
        var run = new CliRunner().Run("nab", "run", "-d", "windowed-gaussian", "--nab-root", corpus.Root, "--out", results);
        Assert.True(run.ExitCode == 0, run.ToString());

        using var cancel = new CancellationTokenSource();
        cancel.Cancel();
        var score = new CliRunner().WithCancellation(cancel.Token).Run("nab", "score", "--results", results, "--nab-root", corpus.Root, "--optimize");
        Assert.True(score.ExitCode == CliExitCode.Interrupted, score.ToString());
        Assert.False(File.Exists(Path.Combine(results, "final_results.json")));
        Assert.False(File.Exists(Path.Combine(results, "thresholds.json")));
        Assert.Empty(Directory.GetFiles(results, "*_scores.csv", SearchOption.AllDirectories));
    }

    [SigintFact]
    public async Task SigintStopsTheCliProcessPromptlyAndLeavesNoPartialOutput()
    {
        string input = LongInput(100_000);
        string output = Path.Combine(_dir, "scores.csv");
        string vigil = Path.Combine(AppContext.BaseDirectory, "vigil.dll");
        var start = new ProcessStartInfo("dotnet", [vigil, "detect", "-d", "htm", "-i", input, "-o", output])
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        start.Environment["VIGIL_PROGRESS"] = "always";
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();

        // Wait until it is scoring (the first progress line), then interrupt as Ctrl+C does.
        string? line;
        var seen = new List<string>();
        while ((line = await process.StandardError.ReadLineAsync()) is not null && !line.Contains("rows/s", StringComparison.Ordinal))
        {
            seen.Add(line);
        }

        Assert.True(line is not null, "no progress line before exit: " + string.Join('\n', seen));
        using (var kill = Process.Start(new ProcessStartInfo("kill", ["-INT", process.Id.ToString(CultureInfo.InvariantCulture)]) { UseShellExecute = false })!)
        {
            await kill.WaitForExitAsync();
        }

        var clock = Stopwatch.StartNew();
        string rest = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        await stdout;
        // Generous bound for a loaded CI machine; the runner checks the token every 1024 rows (milliseconds for htm).
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"took {clock.Elapsed}");
        Assert.Equal(CliExitCode.Interrupted, process.ExitCode);
        Assert.Contains("interrupted", rest, StringComparison.Ordinal);
        Assert.False(File.Exists(output));
        Assert.Single(Directory.GetFiles(_dir));
    }

    [Fact]
    public void TheNabTableTitleCountsTheCorpusFiles()
    {
        var writer = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(writer), Ansi = AnsiSupport.No, ColorSystem = ColorSystemSupport.NoColors, Interactive = InteractionSupport.No });
        console.Profile.Width = 200;
        Vigil.Cli.Rendering.NabReportRenderer.RenderNab(console, [], files: 3, corpusFiles: 3);
        Vigil.Cli.Rendering.NabReportRenderer.RenderNab(console, [], files: 2, corpusFiles: 3);
        Assert.Contains("NAB v1.1 scores (3 files)", writer.ToString(), StringComparison.Ordinal);
        Assert.Contains("NAB v1.1 scores (2 of 3 files)", writer.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("58", writer.ToString(), StringComparison.Ordinal);
    }

    [NabFact]
    public void NabRunResumeSaysWhatItSkipped()
    {
        string results = Path.Combine(_dir, "results");
        string[] args = ["nab", "run", "-d", "null", "--nab-root", NabTestCorpus.Root, "--out", results, "--category", "realAdExchange"];
        Assert.Equal(0, new CliRunner().Run(args).ExitCode);
        var resumed = new CliRunner().Run([.. args, "--resume"]);
        Assert.True(resumed.ExitCode == 0, resumed.ToString());
        Assert.Contains("--resume: skipped 6 file(s)", resumed.Error, StringComparison.Ordinal);
        Assert.Contains("null: 0 files", resumed.Error, StringComparison.Ordinal);
    }
}
