using System.Globalization;

namespace Vigil.Cli.Tests.Commands;

/// <summary><c>--calibrate</c> and the one threshold grammar (issue 10 §1, issue 12 item 13).</summary>
public sealed class CalibrationCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("vigil-calibrate-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Input(int rows = 400)
    {
        var start = new DateTime(2020, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        var lines = Enumerable.Range(0, rows).Select(i =>
            $"{start.AddMinutes(5 * i):yyyy-MM-dd HH:mm:ss},{(Math.Sin(i / 10.0) + (i is >= 330 and < 336 ? 8 : 0)).ToString("R", CultureInfo.InvariantCulture)}");
        string path = Path.Combine(_dir, "input.csv");
        File.WriteAllLines(path, lines.Prepend("timestamp,value"));
        return path;
    }

    private static string[][] Rows(string path) => File.ReadAllLines(path).Skip(1).Select(l => l.Split(',')).ToArray();

    [Fact]
    public void CalibrateLikelihoodWritesNabsLikelihoodScores()
    {
        string output = Path.Combine(_dir, "scores.csv");
        var result = new CliRunner().Run("detect", "-d", "moving-zscore", "-i", Input(), "-o", output, "--probation", "60", "--calibrate", "likelihood", "--set", "calibration={\"method\":\"none\",\"reestimationPeriod\":10}");
        Assert.True(result.ExitCode == 0, result.ToString());
        var scores = Rows(output).Select(r => double.Parse(r[2], CultureInfo.InvariantCulture)).ToArray();
        Assert.All(scores[..60], s => Assert.Equal(0.0301029996658834, s, 12));   // probation: likelihood 0.5, log-scaled
        Assert.True(scores[330..340].Max() > scores[100..330].Max(), "the burst is the most likely anomaly");
        Assert.Contains("calibrated: likelihood", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void SetTakesACalibrationObjectAsJson()
    {
        // Without --calibrate the object itself must reach the options (it used to arrive as a string and be refused).
        string output = Path.Combine(_dir, "scores.csv");
        var result = new CliRunner().Run("detect", "-d", "moving-zscore", "-i", Input(), "-o", output, "--probation", "60", "--set", "calibration={\"method\":\"likelihood\",\"reestimationPeriod\":10}");
        Assert.True(result.ExitCode == 0, result.ToString());
        var scores = Rows(output).Select(r => double.Parse(r[2], CultureInfo.InvariantCulture)).ToArray();
        Assert.All(scores[..60], s => Assert.Equal(0.0301029996658834, s, 12));   // probation: likelihood 0.5, log-scaled
        Assert.Contains("calibrated: likelihood", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void SetWithMalformedJsonIsAUsageErrorNamingTheKey()
    {
        string output = Path.Combine(_dir, "scores.csv");
        var result = new CliRunner().Run("detect", "-d", "moving-zscore", "-i", Input(), "-o", output, "--set", "calibration={\"method\":");
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--set calibration: invalid JSON", result.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(output));
    }

    [Fact]
    public void DynamicThresholdWritesAPerRowThresholdColumn()
    {
        string output = Path.Combine(_dir, "scores.csv");
        var result = new CliRunner().Run("detect", "-d", "moving-zscore", "-i", Input(), "-o", output, "--probation", "60", "--threshold", "dynamic");
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal("timestamp,value,anomaly_score,threshold,alarm", File.ReadLines(output).First());
        var rows = Rows(output);
        var thresholds = rows.Select(r => double.Parse(r[3], CultureInfo.InvariantCulture)).ToArray();
        Assert.True(thresholds[100..].Distinct().Count() > 1, "a dynamic threshold changes from row to row");
        Assert.Equal("1", rows[330][4]);
    }

    [Theory]
    [InlineData("p99.5")]
    [InlineData("0.7")]
    public void PercentileAndNumberThresholdsAreAccepted(string rule)
    {
        string output = Path.Combine(_dir, "scores.csv");
        var result = new CliRunner().Run("detect", "-d", "moving-zscore", "-i", Input(), "-o", output, "--threshold", rule);
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal("timestamp,value,anomaly_score,alarm", File.ReadLines(output).First());
        Assert.Contains($"({rule},", result.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--threshold", "p101", "pNN")]
    [InlineData("--threshold", "nab", "dynamic")]
    [InlineData("--calibrate", "likelyhood", "gaussian-tail")]
    public void BadValuesAreUsageErrorsThatListTheGrammar(string option, string value, string expected)
    {
        string output = Path.Combine(_dir, "scores.csv");
        var result = new CliRunner().Run("detect", "-d", "moving-zscore", "-i", Input(), "-o", output, option, value);
        Assert.Equal(2, result.ExitCode);
        Assert.Contains(expected, result.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(output));
    }

    [Fact]
    public void F1ThresholdUsesTheSameGrammar()
    {
        var result = new CliRunner().Run("nab", "benchmark", "-d", "null", "--f1-threshold", "dynamic", "--nab-root", _dir, "-o", _dir);
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("pNN", result.Error, StringComparison.Ordinal);
    }
}
