using System.Globalization;

namespace Vigil.Cli.Tests.Commands;

public sealed class DetectCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("vigil-detect-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Input(int rows = 300, Func<int, double>? value = null)
    {
        value ??= i => Math.Sin(i / 10.0) + (i == 250 ? 8 : 0);
        var start = new DateTime(2020, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        var lines = Enumerable.Range(0, rows).Select(i => $"{start.AddMinutes(5 * i):yyyy-MM-dd HH:mm:ss},{value(i).ToString("R", CultureInfo.InvariantCulture)}");
        string path = Path.Combine(_dir, "input.csv");
        File.WriteAllLines(path, lines.Prepend("timestamp,value"));
        return path;
    }

    [Fact]
    public void WritesOneScorePerRowWithTimestampAndValue()
    {
        string input = Input();
        string output = Path.Combine(_dir, "out", "scores.csv");
        var result = new CliRunner().Run("detect", "--detector", "moving-zscore", "--input", input, "--out", output);
        Assert.True(result.ExitCode == 0, result.ToString());
        var lines = File.ReadAllLines(output);
        Assert.Equal("timestamp,value,anomaly_score", lines[0]);
        Assert.Equal(301, lines.Length);
        var scores = lines.Skip(1).Select(l => double.Parse(l.Split(',')[2], CultureInfo.InvariantCulture)).ToArray();
        Assert.All(scores, s => Assert.InRange(s, 0.0, 1.0));
        Assert.Equal(250, Array.IndexOf(scores, scores.Max()));
        Assert.Equal(File.ReadAllLines(input)[1].Split(',')[0], lines[1].Split(',')[0]);
    }

    [Fact]
    public void UnknownDetectorListsTheRegisteredNames()
    {
        var result = new CliRunner().Run("detect", "--detector", "windowed-gausian", "--input", Input(), "--out", Path.Combine(_dir, "o.csv"));
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("Did you mean 'windowed-gaussian'", result.Error, StringComparison.Ordinal);
        Assert.Contains("null, random, windowed-gaussian, moving-zscore", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void SetOverridesABadValueOfTheConfigFileAndOtherwiseItsLineIsNamed()
    {
        string config = Path.Combine(_dir, "model_config.yaml");
        File.WriteAllText(config, "# tuned elsewhere\nwindowed-gaussian:\n  parameters:\n    windowSize: 0\n");
        string output = Path.Combine(_dir, "o.csv");
        var bad = new CliRunner().Run("detect", "--detector", "windowed-gaussian", "--config", config, "--input", Input(), "--out", output);
        Assert.Equal(2, bad.ExitCode);
        Assert.Contains($"{config}:4: windowSize: must be", bad.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(output));

        // The command line's value replaces the file's before the options are validated, so the file's bad value is no error.
        var overridden = new CliRunner().Run("detect", "--detector", "windowed-gaussian", "--config", config, "--set", "windowSize=200", "--input", Input(), "--out", output);
        Assert.True(overridden.ExitCode == 0, overridden.ToString());
        Assert.Equal(301, File.ReadAllLines(output).Length);
    }

    [Fact]
    public void BadOptionKeysAndValuesAreAllListedWithValidRanges()
    {
        string options = Path.Combine(_dir, "opts.yaml");
        File.WriteAllText(options, "windowSize: 0\nstepSiz: 3\n");
        string output = Path.Combine(_dir, "o.csv");
        var result = new CliRunner().Run("detect", "--detector", "windowed-gaussian", "--options", options, "--set", "seed=-4", "--input", Input(), "--out", output);
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("stepSiz", result.Error, StringComparison.Ordinal);
        Assert.Contains("Did you mean 'stepSize'", result.Error, StringComparison.Ordinal);
        Assert.Contains("windowSize", result.Error, StringComparison.Ordinal);
        Assert.Contains("seed", result.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(output));
    }

    [Fact]
    public void YamlAndJsonOptionsAndOverridesAreApplied()
    {
        string input = Input();
        string yaml = Path.Combine(_dir, "opts.yml");
        File.WriteAllText(yaml, "# comment\nwindowSize: 200\nscoring: nupicTail\n");
        string json = Path.Combine(_dir, "opts.json");
        File.WriteAllText(json, """{ "windowSize": 200, "scoring": "nupicTail" }""");
        string a = Path.Combine(_dir, "a.csv");
        string b = Path.Combine(_dir, "b.csv");
        string c = Path.Combine(_dir, "c.csv");
        Assert.Equal(0, new CliRunner().Run("detect", "-d", "windowed-gaussian", "--options", yaml, "-i", input, "-o", a).ExitCode);
        Assert.Equal(0, new CliRunner().Run("detect", "-d", "windowed-gaussian", "--options", json, "-i", input, "-o", b).ExitCode);
        Assert.Equal(0, new CliRunner().Run("detect", "-d", "windowed-gaussian", "--set", "windowSize=200", "-i", input, "-o", c).ExitCode);
        Assert.Equal(File.ReadAllText(a), File.ReadAllText(b));
        Assert.NotEqual(File.ReadAllText(a), File.ReadAllText(c));
    }

    [Fact]
    public void MalformedInputNamesFileAndLineAndWritesNothing()
    {
        string input = Path.Combine(_dir, "bad.csv");
        File.WriteAllText(input, "timestamp,value\n2020-01-01 00:00:00,1\n2020-01-01 00:05:00,NaN\n");
        string output = Path.Combine(_dir, "o.csv");
        var result = new CliRunner().Run("detect", "-d", "null", "-i", input, "-o", output);
        Assert.Equal(2, result.ExitCode);
        Assert.Contains($"{input}:3", result.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(output));
    }

    [Fact]
    public void UnsortedTimestampsAreRejectedUnlessFileOrderIsAllowed()
    {
        string input = Path.Combine(_dir, "unsorted.csv");
        File.WriteAllText(input, "timestamp,value\n2020-01-01 00:05:00,1\n2020-01-01 00:00:00,2\n");
        string output = Path.Combine(_dir, "o.csv");
        var strict = new CliRunner().Run("detect", "-d", "null", "-i", input, "-o", output);
        Assert.Equal(2, strict.ExitCode);
        Assert.Contains("--allow-unordered", strict.Error, StringComparison.Ordinal);
        Assert.Equal(0, new CliRunner().Run("detect", "-d", "null", "-i", input, "-o", output, "--allow-unordered").ExitCode);
    }

    [Fact]
    public void MissingInputFileIsAUsageError()
    {
        var result = new CliRunner().Run("detect", "-d", "null", "-i", Path.Combine(_dir, "nope.csv"), "-o", Path.Combine(_dir, "o.csv"));
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("nope.csv", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void AnExistingOutputSurvivesAFailedRun()
    {
        string output = Path.Combine(_dir, "o.csv");
        File.WriteAllText(output, "previous");
        string input = Path.Combine(_dir, "bad.csv");
        File.WriteAllText(input, "timestamp,value\n2020-01-01 00:00:00,x\n");
        Assert.Equal(2, new CliRunner().Run("detect", "-d", "null", "-i", input, "-o", output).ExitCode);
        Assert.Equal("previous", File.ReadAllText(output));
    }
}
