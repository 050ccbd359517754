using System.Globalization;
using System.Text.Json;
using Vigil.Detectors.Sarima;
using Vigil.IO;
using Vigil.Testing;

namespace Vigil.Detectors.Tests.Sarima;

/// <summary>Parity with statsmodels 0.13.5 SARIMAX (Reference/README.md says how the reference files were made).</summary>
public sealed class SarimaParityTests
{
    private static readonly SarimaSpecification Workload = new(2, 0, 1, 1, 0, 1, 24);

    private static string ReferencePath(string name) => Path.Combine(AppContext.BaseDirectory, "Sarima", "Reference", name);

    private static double[] ReadColumn(string name) =>
        File.ReadAllLines(ReferencePath(name)).Where(l => l.Length > 0).Select(l => double.Parse(l, CultureInfo.InvariantCulture)).ToArray();

    private static double[] Doubles(JsonElement array) => array.EnumerateArray().Select(e => e.GetDouble()).ToArray();

    [Fact]
    public void FitOnTheSyntheticSeriesMatchesStatsmodelsLogLikelihoodAndParameters()
    {
        var y = ReadColumn("synthetic_series.csv");
        using var json = JsonDocument.Parse(File.ReadAllText(ReferencePath("synthetic_reference.json")));
        var model = SarimaModel.Fit(y.AsSpan(0, 2000), Workload);
        Assert.Equal(json.RootElement.GetProperty("llf").GetDouble(), model.LogLikelihood, 1e-3);
        var expected = Doubles(json.RootElement.GetProperty("params"));
        var actual = model.Parameters.ToArray();
        for (int i = 0; i < expected.Length; i++)
        {
            Assert.True(Math.Abs(expected[i] - actual[i]) < 1e-3, $"{model.ParameterNames[i]}: statsmodels {expected[i]}, Vigil {actual[i]}");
        }
    }

    [Fact]
    public void ScoresOfTheSyntheticSeriesMatchStatsmodelsGivenTheSameParameters()
    {
        var y = ReadColumn("synthetic_series.csv");
        var expected = ReadColumn("synthetic_scores.csv");
        using var json = JsonDocument.Parse(File.ReadAllText(ReferencePath("synthetic_reference.json")));
        var model = SarimaModel.FromParameters(Workload, Doubles(json.RootElement.GetProperty("params")));
        var e = new double[y.Length];
        var f = new double[y.Length];
        double llf = model.Filter(y, e, f);
        Assert.Equal(json.RootElement.GetProperty("full_llf").GetDouble(), llf, 1e-6);
        for (int t = 0; t < y.Length; t++)
        {
            double score = e[t] * e[t] / f[t];
            Assert.True(Math.Abs(score - expected[t]) <= 1e-6 * Math.Max(Math.Abs(expected[t]), 1e-3), $"row {t}: statsmodels {expected[t]}, Vigil {score}");
        }
    }

    public static TheoryData<string, double, double[]> PublishedFits() => new()
    {
        // shared/bench/peers/README.md §2 (statsmodels, ref BLAS): llf and ar.L1, ar.L2, ma.L1, ar.S.L24, ma.S.L24, sigma2.
        { "realKnownCause/nyc_taxi.csv", 843.9634, [1.79832, -0.86053, -0.41270, -0.99939, 0.97645, 0.024440] },
        { "realKnownCause/ambient_temperature_system_failure.csv", -165.7899, [0.77083, 0.19980, -0.16153, 0.93396, -0.82743, 0.068809] },
        { "realAWSCloudwatch/ec2_cpu_utilization_825cc2.csv", 523.2800, [1.24029, -0.24931, -0.47044, 0.90722, -0.82266, 0.034584] },
        { "realTweets/Twitter_volume_AAPL.csv", -2115.8902, [1.39747, -0.44141, -0.77247, 0.54741, -0.53437, 0.485593] },
    };

    private static double[] LoadWorkload(string relative)
    {
        var x = CsvSeriesReader.Read(Path.Combine(NabTestCorpus.Root, "data", relative), CsvReadOptions.Nab, relative).Values.ToArray();
        int n = Math.Min(2000, x.Length);
        double mean = x.Take(n).Average();
        double sd = Math.Sqrt(x.Take(n).Sum(v => (v - mean) * (v - mean)) / n);
        return x.Select(v => (v - mean) / sd).ToArray();
    }

    [NabTheory]
    [MemberData(nameof(PublishedFits))]
    public void FitOnThePeerWorkloadMatchesThePublishedStatsmodelsFigures(string file, double llf, double[] parameters)
    {
        var z = LoadWorkload(file);
        var model = SarimaModel.Fit(z.AsSpan(0, 2000), Workload);
        // The README gives llf to 4 decimals: within 1e-3 of it.
        Assert.Equal(llf, model.LogLikelihood, 1e-3);
        var actual = model.Parameters.ToArray();
        // Twitter_AAPL: the seasonal AR and MA roots nearly cancel, the likelihood is flat along that ridge and the two
        // optimisers stop ~9e-3 apart on it (Vigil's llf is the higher one); see Reference/README.md.
        double tolerance = file.Contains("Twitter", StringComparison.Ordinal) ? 1.5e-2 : 1e-3;
        for (int i = 0; i < parameters.Length; i++)
        {
            Assert.True(Math.Abs(parameters[i] - actual[i]) < tolerance, $"{model.ParameterNames[i]}: statsmodels {parameters[i]}, Vigil {actual[i]}");
        }
    }

    [NabFact]
    public void WholeFileScoresMatchStatsmodelsGivenItsParameters()
    {
        using var json = JsonDocument.Parse(File.ReadAllText(ReferencePath("nab_workload.json")));
        foreach (var entry in json.RootElement.EnumerateObject())
        {
            var z = LoadWorkload(entry.Name);
            var model = SarimaModel.FromParameters(Workload, Doubles(entry.Value.GetProperty("params")));
            var e = new double[z.Length];
            var f = new double[z.Length];
            double llf = model.Filter(z, e, f);
            Assert.Equal(entry.Value.GetProperty("full_llf").GetDouble(), llf, 1e-6 * Math.Abs(llf));
            var rows = entry.Value.GetProperty("score_rows").EnumerateArray().Select(r => r.GetInt32()).ToArray();
            var expected = Doubles(entry.Value.GetProperty("scores"));
            for (int i = 0; i < rows.Length; i++)
            {
                double score = e[rows[i]] * e[rows[i]] / f[rows[i]];
                // 1e-6 relative for scores of 1 and above (the ones that flag anomalies; e²/F has mean 1), 1e-6 absolute
                // below: a score near 0 is the square of a forecast error that is itself a small difference, and with
                // nyc_taxi's near-unit seasonal root both filters' rounding reaches ~3e-9 there.
                // nyc_taxi: statsmodels' own error is up to 6.6e-6 there (its Lyapunov solution for the seasonal AR root
                // -0.99939 decays slowly through the MA root 0.976); Vigil agrees with an 80-bit reference filter to
                // 1.3e-11 (Reference/check_longdouble.py), so the bound is 1e-5 for that file.
                double tolerance = entry.Name.Contains("nyc_taxi", StringComparison.Ordinal) ? 1e-5 : 1e-6;
                Assert.True(Math.Abs(score - expected[i]) <= tolerance * Math.Max(Math.Abs(expected[i]), 1.0), $"{entry.Name} row {rows[i]}: statsmodels {expected[i]}, Vigil {score}");
            }
        }
    }
}
