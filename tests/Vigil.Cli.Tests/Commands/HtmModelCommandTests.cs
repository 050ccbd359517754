using System.Globalization;
using System.Text.Json;

namespace Vigil.Cli.Tests.Commands;

/// <summary>
/// <c>vigil detect --save-model/--load-model</c> and <c>vigil model export --format json</c> for htm: a model saved
/// mid-stream and loaded in another process continues bit for bit.
/// </summary>
public sealed class HtmModelCommandTests : IDisposable
{
    private const int Rows = 900;
    private const int Split = 520;
    private readonly string _dir = Directory.CreateTempSubdirectory("vigil-htm-model-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void SavedMidStreamAndLoadedInAFreshProcessTheScoresEqualAnUninterruptedRun()
    {
        var lines = Series();
        string full = Write("full.csv", lines);
        string first = Write("first.csv", lines.Take(Split));
        string rest = Write("rest.csv", lines.Skip(Split));
        string models = Path.Combine(_dir, "models");

        var uninterrupted = new CliRunner().Run("detect", "-d", "htm", "--input", full, "--out", Out("full"), "--probation", "135");
        Assert.True(uninterrupted.ExitCode == 0, uninterrupted.ToString());
        var saved = new CliRunner().Run("detect", "-d", "htm", "--input", first, "--out", Out("first"), "--probation", "135", "--save-model", "m", "--models-dir", models);
        Assert.True(saved.ExitCode == 0, saved.ToString());
        Assert.True(File.Exists(Path.Combine(models, "m", "1", "model.vigil")));

        // The continuation runs in its own process: nothing but the model file carries the state over.
        var (code, output) = CliProcess.Run("detect", "--load-model", "m", "--models-dir", models, "--input", rest, "--out", Out("rest"));
        Assert.True(code == 0, output);

        var expected = Scores(Out("full"));
        var resumed = Scores(Out("first")).Concat(Scores(Out("rest"))).ToArray();
        Assert.Equal(Rows, expected.Length);
        Assert.Equal(expected, resumed);   // round-trip text of each double: equal means bit for bit
        Assert.Contains(expected.Skip(Split), s => double.Parse(s, CultureInfo.InvariantCulture) > 0.0301029995664);
    }

    [Fact]
    public void ExportWritesTheLearnedConnectionsAsJson()
    {
        string first = Write("first.csv", Series().Take(Split));
        string models = Path.Combine(_dir, "models");
        Assert.Equal(0, new CliRunner().Run("detect", "-d", "htm", "--input", first, "--out", Out("first"), "--save-model", "m", "--models-dir", models).ExitCode);

        var export = new CliRunner().Run("model", "export", "m", "--models-dir", models, "--format", "json");
        Assert.True(export.ExitCode == 0, export.ToString());
        using var json = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(models, "m", "1", "export.json")));
        var root = json.RootElement;
        Assert.Equal(2048, root.GetProperty("columnCount").GetInt32());
        Assert.Equal(32, root.GetProperty("cellsPerColumn").GetInt32());
        Assert.Equal(Split, root.GetProperty("iterations").GetInt32());
        var segments = root.GetProperty("segments");
        Assert.True(segments.GetArrayLength() > 100, $"only {segments.GetArrayLength()} segments learned");
        foreach (var segment in segments.EnumerateArray())
        {
            int cell = segment.GetProperty("cell").GetInt32();
            Assert.InRange(cell, 0, (2048 * 32) - 1);
            foreach (var synapse in segment.GetProperty("synapses").EnumerateArray())
            {
                Assert.InRange(synapse[0].GetInt32(), 0, (2048 * 32) - 1);
                Assert.InRange(synapse[1].GetDouble(), 0.0, 1.0);
            }
        }
    }

    [Fact]
    public void BadModelArgumentsAreUsageErrors()
    {
        string first = Write("first.csv", Series().Take(200));
        string models = Path.Combine(_dir, "models");
        var missing = new CliRunner().Run("detect", "--load-model", "nope", "--models-dir", models, "--input", first, "--out", Out("x"));
        Assert.Equal(2, missing.ExitCode);
        Assert.Contains("No saved model", missing.Error, StringComparison.Ordinal);


        var badName = new CliRunner().Run("detect", "-d", "htm", "--input", first, "--out", Out("x"), "--save-model", "../m", "--models-dir", models);
        Assert.Equal(2, badName.ExitCode);
        Assert.Contains("is not valid", badName.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(Out("x")));

        Assert.Equal(0, new CliRunner().Run("detect", "-d", "htm", "--input", first, "--out", Out("y"), "--save-model", "m", "--models-dir", models).ExitCode);
        var withOptions = new CliRunner().Run("detect", "--load-model", "m", "--models-dir", models, "--set", "seed=3", "--input", first, "--out", Out("z"));
        Assert.Equal(2, withOptions.ExitCode);
        var wrongDetector = new CliRunner().Run("detect", "-d", "random", "--load-model", "m", "--models-dir", models, "--input", first, "--out", Out("z"));
        Assert.Equal(2, wrongDetector.ExitCode);
        var noDetector = new CliRunner().Run("detect", "--input", first, "--out", Out("z"));
        Assert.Equal(2, noDetector.ExitCode);
        Assert.Contains("--detector", noDetector.Error, StringComparison.Ordinal);

        File.WriteAllText(Path.Combine(models, "m", "1", "model.vigil"), "not a zip");
        var corrupt = new CliRunner().Run("detect", "--load-model", "m", "--models-dir", models, "--input", first, "--out", Out("z"));
        Assert.Equal(2, corrupt.ExitCode);
        Assert.Contains("model.vigil", corrupt.Error, StringComparison.Ordinal);
    }

    // A daily cycle with noise and a level shift late in the series (5-minute rows), so the TM grows segments.
    private static List<string> Series()
    {
        var random = new Random(7);
        var start = new DateTime(2024, 3, 1, 0, 0, 0, DateTimeKind.Utc);
        var lines = new List<string>();
        for (int i = 0; i < Rows; i++)
        {
            double value = 50 + (20 * Math.Sin(2 * Math.PI * i / 288)) + (random.NextDouble() * 3) + (i > 780 ? 35 : 0);
            lines.Add(string.Create(CultureInfo.InvariantCulture, $"{start.AddMinutes(5 * i):yyyy-MM-dd HH:mm:ss},{value:F3}"));
        }

        return lines;
    }

    private string Write(string name, IEnumerable<string> rows)
    {
        string path = Path.Combine(_dir, name);
        File.WriteAllLines(path, rows.Prepend("timestamp,value"));
        return path;
    }

    private string Out(string name) => Path.Combine(_dir, name + "_scores.csv");

    private static string[] Scores(string path) => File.ReadAllLines(path).Skip(1).Select(l => l.Split(',')[2]).ToArray();
}
