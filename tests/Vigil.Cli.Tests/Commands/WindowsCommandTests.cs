using System.Globalization;

namespace Vigil.Cli.Tests.Commands;

public sealed class WindowsCommandTests : IDisposable
{
    private static readonly DateTime Start = new(2020, 1, 1, 0, 0, 0, DateTimeKind.Utc);
    private readonly string _dir = Directory.CreateTempSubdirectory("vigil-windows-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Input(int rows = 300)
    {
        var lines = Enumerable.Range(0, rows).Select(i => $"{Start.AddMinutes(5 * i):yyyy-MM-dd HH:mm:ss},{Math.Sin(i / 10.0).ToString("R", CultureInfo.InvariantCulture)}");
        string path = Path.Combine(_dir, "input.csv");
        File.WriteAllLines(path, lines.Prepend("timestamp,value"));
        return path;
    }

    [Fact]
    public void TimeWindowsWriteBasicFeaturesStampedWithTheWindowsEnd()
    {
        string output = Path.Combine(_dir, "feats.csv");
        var result = new CliRunner().Run("windows", "--input", Input(), "--window", "1h", "--step", "5m", "--features", "basic", "--out", output);
        Assert.True(result.ExitCode == 0, result.ToString());
        var lines = File.ReadAllLines(output);
        Assert.StartsWith("timestamp,mean,std,min,max,median,", lines[0], StringComparison.Ordinal);
        Assert.Equal(18, lines[0].Split(',').Length);
        // Ends every 5 minutes from 01:00 (the first whole hour of data) to the last point (24:55).
        Assert.Equal(300 - 12 + 1, lines.Length);
        Assert.StartsWith("2020-01-01 01:00:00,", lines[1], StringComparison.Ordinal);
        Assert.StartsWith(Start.AddMinutes(5 * 299).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture), lines[^1], StringComparison.Ordinal);
    }

    [Fact]
    public void RowWindowsWithRawFeaturesWriteTheWindowValues()
    {
        string output = Path.Combine(_dir, "raw.csv");
        var result = new CliRunner().Run("windows", "--input", Input(50), "--window", "8", "--step", "2", "--features", "raw", "--out", output);
        Assert.True(result.ExitCode == 0, result.ToString());
        var lines = File.ReadAllLines(output);
        Assert.Equal((50 - 8) / 2 + 1 + 1, lines.Length);
        Assert.Equal(9, lines[1].Split(',').Length);
        Assert.Equal(Math.Sin(7 / 10.0), double.Parse(lines[1].Split(',')[8], CultureInfo.InvariantCulture));
    }

    [Theory]
    [InlineData("400", null, "larger than the series")]
    [InlineData("8", "0", "positive number of rows")]
    [InlineData("0", null, "at least 1 row")]
    [InlineData("1h", "-5m", "must be positive")]
    [InlineData("soon", null, "is not a duration")]
    public void BadWindowsAreUsageErrors(string window, string? step, string message)
    {
        var args = new List<string> { "windows", "--input", Input(), "--window", window, "--out", Path.Combine(_dir, "x.csv") };
        if (step is not null)
        {
            args.Add("--step");
            args.Add(step);
        }

        var result = new CliRunner().Run([.. args]);
        Assert.Equal(2, result.ExitCode);
        Assert.Contains(message, result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void RawFeaturesNeedRowWindows()
    {
        var result = new CliRunner().Run("windows", "--input", Input(), "--window", "1h", "--features", "raw", "--out", Path.Combine(_dir, "x.csv"));
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("number of rows", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void IsolationForestRunsThroughDetectWithRefitOptions()
    {
        string output = Path.Combine(_dir, "scores.csv");
        var result = new CliRunner().Run("detect", "--detector", "isolation-forest", "--set", "window=16", "--set", "refitEvery=100", "--set", "trainWindow=150",
            "--input", Input(), "--out", output);
        Assert.True(result.ExitCode == 0, result.ToString());
        var scores = File.ReadAllLines(output).Skip(1).Select(l => double.Parse(l.Split(',')[2], CultureInfo.InvariantCulture)).ToArray();
        Assert.Equal(300, scores.Length);
        Assert.All(scores, s => Assert.InRange(s, 0.0, 1.0));
    }
}
