using System.Text.Json;
using Vigil.Testing;

namespace Vigil.Cli.Tests.Commands;

/// <summary><c>--json</c> on the commands that print tables: one parseable document on standard output, the same numbers.</summary>
public sealed class JsonOutputTests
{
    [NabFact]
    public void NabScoreJsonCarriesTheNabAndF1Numbers()
    {
        string report = Directory.CreateTempSubdirectory("vigil-json-").FullName;
        var result = new CliRunner().Run("nab", "score", "--nab-root", NabTestCorpus.Root, "--results", Path.Combine(NabTestCorpus.Root, "results"),
            "--detectors", "numenta,contextOSE", "--report-dir", report, "--metrics", "nab,f1", "--json");

        Assert.True(result.ExitCode == 0, result.ToString());
        using var doc = JsonDocument.Parse(result.Out);
        Assert.Equal(58, doc.RootElement.GetProperty("files").GetInt32());
        var detectors = doc.RootElement.GetProperty("detectors").EnumerateArray().ToArray();
        Assert.Equal(["numenta", "contextOSE"], detectors.Select(d => d.GetProperty("name").GetString()));
        var numenta = detectors[0].GetProperty("nab").EnumerateArray().ToDictionary(p => p.GetProperty("profile").GetString()!, p => p.GetProperty("normalized").GetDouble());
        Assert.Equal(70.10105611943965, numenta["standard"], 1e-9);
        Assert.Equal(74.3202443095115, numenta["reward_low_FN_rate"], 1e-9);
        Assert.Equal(69.89956897, detectors[1].GetProperty("nab")[0].GetProperty("normalized").GetDouble(), 1e-8);
        // Four modes at the NAB threshold, then four at the best-F1 threshold, each with per-category counts.
        var f1 = detectors[0].GetProperty("f1").EnumerateArray().ToArray();
        Assert.Equal(8, f1.Length);
        Assert.Equal(["nab-standard", "nab-standard", "nab-standard", "nab-standard", "best-f1", "best-f1", "best-f1", "best-f1"], f1.Select(r => r.GetProperty("thresholdKind").GetString()));
        Assert.True(f1[7].GetProperty("total").GetProperty("windowsFound").GetInt64() > 0);
        Assert.Equal(7, f1[0].GetProperty("byCategory").EnumerateObject().Count());
        Assert.DoesNotContain("╭", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void DetectorsListJsonNamesEveryDetector()
    {
        var result = new CliRunner().Run("detectors", "list", "--json");

        Assert.True(result.ExitCode == 0, result.ToString());
        using var doc = JsonDocument.Parse(result.Out);
        var names = doc.RootElement.EnumerateArray().Select(d => d.GetProperty("name").GetString()).ToArray();
        Assert.Contains("windowed-gaussian", names);
        Assert.Contains("htm", names);
    }

    [NabFact]
    public void CompareJsonHasOneEntryPerDetector()
    {
        string results = Directory.CreateTempSubdirectory("vigil-json-").FullName;
        var result = new CliRunner().Run("compare", "--detectors", "null,moving-zscore", "--nab-root", NabTestCorpus.Root, "--out", results, "--category", "realAdExchange", "--json");

        Assert.True(result.ExitCode == 0, result.ToString());
        using var doc = JsonDocument.Parse(result.Out);
        Assert.Equal(6, doc.RootElement.GetProperty("files").GetInt32());
        Assert.Equal(["null", "moving-zscore"], doc.RootElement.GetProperty("detectors").EnumerateArray().Select(d => d.GetProperty("name").GetString()));
        Assert.Equal(0.0, doc.RootElement.GetProperty("detectors")[0].GetProperty("nab")[0].GetProperty("normalized").GetDouble());
    }
}
