using System.Globalization;
using System.Text;

namespace Vigil.Cli.Tests.Commands;

/// <summary>
/// A small NAB-shaped corpus in a temporary folder for tuning tests: six files in two categories, a daily-like wave with
/// deterministic noise and one level shift inside a labelled window per file.
/// </summary>
internal sealed class TuningCorpus : IDisposable
{
    private static readonly DateTime Start = new(2020, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    public TuningCorpus(int files = 6, int rows = 800)
    {
        Root = Path.Combine(Path.GetTempPath(), "vigil-tune-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path.Combine(Root, "config"));
        Directory.CreateDirectory(Path.Combine(Root, "labels"));
        System.IO.File.WriteAllText(Path.Combine(Root, "config", "profiles.json"), """
            { "standard": { "CostMatrix": { "tpWeight": 1.0, "fnWeight": 1.0, "fpWeight": 0.11, "tnWeight": 1.0 } },
              "reward_low_FP_rate": { "CostMatrix": { "tpWeight": 1.0, "fnWeight": 1.0, "fpWeight": 0.22, "tnWeight": 1.0 } },
              "reward_low_FN_rate": { "CostMatrix": { "tpWeight": 1.0, "fnWeight": 2.0, "fpWeight": 0.11, "tnWeight": 1.0 } } }
            """);
        var windows = new StringBuilder("{\n");
        for (int f = 0; f < files; f++)
        {
            string relative = $"{(f % 2 == 0 ? "catA" : "catB")}/series_{f}.csv";
            string path = Path.Combine(Root, "data", relative);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            int shift = rows / 2 + (f * 37 % (rows / 4));
            var text = new StringBuilder("timestamp,value\n");
            for (int i = 0; i < rows; i++)
            {
                double noise = ((i * 7919 + f * 104729) % 1000) / 1000.0 - 0.5;
                double v = 10 + (3 * Math.Sin(i * 2 * Math.PI / 48)) + noise + (i >= shift && i < shift + 20 ? 12 : 0);
                text.Append(Time(i)).Append(',').Append(v.ToString("F4", CultureInfo.InvariantCulture)).Append('\n');
            }

            System.IO.File.WriteAllText(path, text.ToString());
            windows.Append(CultureInfo.InvariantCulture, $"  \"{relative}\": [[\"{Time(shift - 10)}.000000\", \"{Time(shift + 30)}.000000\"]]{(f < files - 1 ? "," : "")}\n");
        }

        windows.Append('}');
        System.IO.File.WriteAllText(Path.Combine(Root, "labels", "combined_windows.json"), windows.ToString());
    }

    public string Root { get; }

    public string File(string name) => Path.Combine(Root, name);

    public void Dispose()
    {
        try
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private static string Time(int row) => Start.AddMinutes(5 * row).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
}
