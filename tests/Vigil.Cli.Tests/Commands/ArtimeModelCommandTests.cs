using System.Globalization;
using Vigil.Detection;
using Vigil.Detectors.Artime;

namespace Vigil.Cli.Tests.Commands;

/// <summary>
/// <c>vigil detect -d artime --save-model/--load-model</c>: a model saved mid-stream continues bit for bit. ARTime
/// times itself from the length of the series it was started on, so the continuation equals one detector that was
/// told the first file's length and fed every row.
/// </summary>
public sealed class ArtimeModelCommandTests : IDisposable
{
    private const int Rows = 900;
    private const int Split = 520;
    private readonly string _dir = Directory.CreateTempSubdirectory("vigil-artime-model-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void SavedMidStreamAndLoadedTheScoresEqualAnUninterruptedDetector()
    {
        var (lines, values) = Series();
        string first = Write("first.csv", lines.Take(Split));
        string rest = Write("rest.csv", lines.Skip(Split));
        string models = Path.Combine(_dir, "models");

        var saved = new CliRunner().Run("detect", "-d", "artime", "--input", first, "--out", Out("first"), "--input-min", "0", "--input-max", "120", "--save-model", "a", "--models-dir", models);
        Assert.True(saved.ExitCode == 0, saved.ToString());
        var resumed = new CliRunner().Run("detect", "--load-model", "a", "--models-dir", models, "--input", rest, "--out", Out("rest"));
        Assert.True(resumed.ExitCode == 0, resumed.ToString());

        var detector = new ArtimeDetector(new ArtimeOptions());
        var expected = StreamingRunner.Run(detector, Vigil.Testing.SyntheticSeries.Create("all", values), new SeriesContext(Split * 15 / 100, 0, 120, Split)).Scores.ToArray();
        var actual = Scores(Out("first")).Concat(Scores(Out("rest"))).ToArray();
        Assert.Equal(Rows, actual.Length);
        Assert.Equal(expected, actual);
        Assert.Contains(actual.Skip(Split), s => s > 0);   // the continuation detects the level shift
    }

    [Fact]
    public void ALoadedArtimeModelIsNotAnHtmModel()
    {
        var (lines, _) = Series();
        string first = Write("first.csv", lines.Take(300));
        string models = Path.Combine(_dir, "models");
        Assert.Equal(0, new CliRunner().Run("detect", "-d", "artime", "--input", first, "--out", Out("x"), "--save-model", "a", "--models-dir", models).ExitCode);
        var wrong = new CliRunner().Run("detect", "-d", "htm", "--load-model", "a", "--models-dir", models, "--input", first, "--out", Out("y"));
        Assert.Equal(2, wrong.ExitCode);
        Assert.Contains("holds detector 'artime'", wrong.Error, StringComparison.Ordinal);
    }

    // A daily cycle with noise and a level shift late in the series (5-minute rows).
    private static (List<string> Lines, double[] Values) Series()
    {
        var random = new Random(7);
        var start = new DateTime(2024, 3, 1, 0, 0, 0, DateTimeKind.Utc);
        var lines = new List<string>();
        var values = new double[Rows];
        for (int i = 0; i < Rows; i++)
        {
            double value = 50 + (20 * Math.Sin(2 * Math.PI * i / 288)) + (random.NextDouble() * 3) + (i > 780 ? 35 : 0);
            string text = value.ToString("F3", CultureInfo.InvariantCulture);
            values[i] = double.Parse(text, CultureInfo.InvariantCulture);   // what the CLI reads
            lines.Add(string.Create(CultureInfo.InvariantCulture, $"{start.AddMinutes(5 * i):yyyy-MM-dd HH:mm:ss},{text}"));
        }

        return (lines, values);
    }

    private string Write(string name, IEnumerable<string> rows)
    {
        string path = Path.Combine(_dir, name);
        File.WriteAllLines(path, rows.Prepend("timestamp,value"));
        return path;
    }

    private string Out(string name) => Path.Combine(_dir, name + "_scores.csv");

    private static IEnumerable<double> Scores(string path) =>
        File.ReadAllLines(path).Skip(1).Select(l => double.Parse(l.Split(',')[2], CultureInfo.InvariantCulture));
}
