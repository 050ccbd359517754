using System.Globalization;
using System.Text;

namespace Vigil.Evaluation.Tests.Nab;

/// <summary>A tiny NAB-shaped corpus in a temporary folder, for edge cases the real corpus does not contain.</summary>
internal sealed class SyntheticCorpus : IDisposable
{
    private static readonly DateTime Start = new(2020, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    public SyntheticCorpus()
    {
        Root = Path.Combine(Path.GetTempPath(), "vigil-nab-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path.Combine(Root, "config"));
        Directory.CreateDirectory(Path.Combine(Root, "labels"));
        File.WriteAllText(Path.Combine(Root, "config", "profiles.json"), """
            { "standard": { "CostMatrix": { "tpWeight": 1.0, "fnWeight": 1.0, "fpWeight": 0.11, "tnWeight": 1.0 } },
              "reward_low_FP_rate": { "CostMatrix": { "tpWeight": 1.0, "fnWeight": 1.0, "fpWeight": 0.22, "tnWeight": 1.0 } },
              "reward_low_FN_rate": { "CostMatrix": { "tpWeight": 1.0, "fnWeight": 2.0, "fpWeight": 0.11, "tnWeight": 1.0 } } }
            """);
    }

    public string Root { get; }

    public string ResultsRoot => Path.Combine(Root, "results");

    private readonly Dictionary<string, List<(int, int)>> _windows = new();

    /// <summary>Adds data/&lt;relativePath&gt; with <paramref name="rows"/> rows 5 minutes apart and windows as row ranges.</summary>
    public void AddFile(string relativePath, int rows, params (int First, int Last)[] windows)
    {
        string path = Path.Combine(Root, "data", relativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var text = new StringBuilder("timestamp,value\n");
        for (int i = 0; i < rows; i++)
        {
            text.Append(Time(i).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture)).Append(',').Append(i % 7).Append('\n');
        }

        File.WriteAllText(path, text.ToString());
        _windows[relativePath] = [.. windows];
        WriteWindows();
    }

    /// <summary>Writes results/&lt;detector&gt;/&lt;category&gt;/&lt;detector&gt;_&lt;name&gt;.csv with raw score texts.</summary>
    public string WriteResults(string detector, string relativePath, IEnumerable<string> scoreTexts)
    {
        string category = relativePath[..relativePath.IndexOf('/')];
        string name = Path.GetFileNameWithoutExtension(relativePath);
        string path = Path.Combine(ResultsRoot, detector, category, $"{detector}_{name}.csv");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var text = new StringBuilder("timestamp,value,anomaly_score,label\n");
        int i = 0;
        foreach (string score in scoreTexts)
        {
            text.Append(Time(i++).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture)).Append(",1,").Append(score).Append(",0\n");
        }

        File.WriteAllText(path, text.ToString());
        return path;
    }

    public string WriteResults(string detector, string relativePath, double[] scores) =>
        WriteResults(detector, relativePath, scores.Select(s => s.ToString("R", CultureInfo.InvariantCulture)));

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private static DateTime Time(int row) => Start.AddMinutes(5 * row);

    private void WriteWindows()
    {
        var text = new StringBuilder("{\n");
        text.AppendJoin(",\n", _windows.Select(e => $"  \"{e.Key}\": [" + string.Join(", ", e.Value.Select(w =>
            $"[\"{Time(w.Item1):yyyy-MM-dd HH:mm:ss}.000000\", \"{Time(w.Item2):yyyy-MM-dd HH:mm:ss}.000000\"]")) + "]"));
        text.Append("\n}\n");
        File.WriteAllText(Path.Combine(Root, "labels", "combined_windows.json"), text.ToString());
    }
}
