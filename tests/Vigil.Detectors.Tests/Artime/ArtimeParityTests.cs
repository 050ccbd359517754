using Vigil.Testing;
using Xunit;
using Xunit.Abstractions;

namespace Vigil.Detectors.Tests.Artime;

/// <summary>
/// Parity with NAB's published ARTime results: every row's anomaly_score equals the shipped one (to 6 decimals and
/// 1e-9 relative, see <see cref="ShippedArtimeFile.Matches"/>). CI runs a subset; the full 58-file check runs with
/// <c>VIGIL_ARTIME_FULL=1 dotnet test tests/Vigil.Detectors.Tests -c Release --filter FullyQualifiedName~ArtimeParityTests</c>.
/// </summary>
public sealed class ArtimeParityTests(ITestOutputHelper output)
{
    /// <summary>
    /// CI subset: the two ad-exchange files whose 12-digit values only reproduce with pandas' legacy parser, a
    /// 4032-row artificial file (downsampling step 5) and the shortest file (1127 rows, step 1).
    /// </summary>
    [NabFact]
    public void CiSubsetMatchesShippedScores()
    {
        string[] files =
        [
            "realAdExchange/exchange-3_cpc_results.csv",
            "realAdExchange/exchange-4_cpc_results.csv",
            "artificialWithAnomaly/art_daily_jumpsup.csv",
            "realTraffic/speed_7578.csv",
        ];
        foreach (string path in files)
        {
            var file = ShippedArtimeFile.Load(path);
            int first = file.FirstMismatch(out int mismatches);
            output.WriteLine($"{path}: {file.Length} rows, {mismatches} mismatches, first at {first}");
            Assert.Equal(-1, first);
        }
    }

    /// <summary>The published scores are not all zero on the subset: the check above compares real detections.</summary>
    [NabFact]
    public void CiSubsetHasDetections()
    {
        var file = ShippedArtimeFile.Load("realAdExchange/exchange-3_cpc_results.csv");
        Assert.Contains(file.Scores, s => s > 0);
    }

    /// <summary>All 58 files, every row.</summary>
    [ArtimeFullParityFact]
    [Trait("Category", "Slow")]
    public void AllFilesMatchShippedScores()
    {
        var files = ShippedArtimeFile.All();
        var lines = new string[files.Count];
        var rows = new int[files.Count];
        var bad = new int[files.Count];
        Parallel.For(0, files.Count, i =>
        {
            var file = ShippedArtimeFile.Load(files[i]);
            int first = file.FirstMismatch(out int mismatches);
            rows[i] = file.Length;
            bad[i] = mismatches;
            lines[i] = $"{files[i]}: {file.Length} rows, {mismatches} mismatches, first at {first}";
        });
        foreach (string line in lines)
        {
            output.WriteLine(line);
        }

        output.WriteLine($"files matching: {bad.Count(b => b == 0)}/{files.Count}; rows matching: {rows.Sum() - bad.Sum()}/{rows.Sum()}");
        Assert.Equal(58, files.Count);
        Assert.All(bad, b => Assert.Equal(0, b));
    }
}
