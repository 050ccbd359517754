using Vigil.Detectors.Htm;
using Vigil.Testing;
using Xunit;
using Xunit.Abstractions;

namespace Vigil.Detectors.Tests.Htm;

/// <summary>
/// Whole-pipeline R0 parity (htm.md §12.3 item 2): the raw score of every row equals NuPIC 0.5.6's shipped
/// raw_score bit for bit. CI runs a subset; the full 58-file check runs with <c>VIGIL_HTM_FULL=1</c>.
/// </summary>
public sealed class HtmRawScoreParityTests(ITestOutputHelper output)
{
    /// <summary>Runs the R0 model over a file; returns the first mismatching row, or -1.</summary>
    internal static int FirstMismatch(ShippedNumentaFile file, out int mismatches)
    {
        var model = new HtmModel(file.Resolution, HtmVariant.R0, new HtmTemporalMemoryParameters());
        int first = -1;
        mismatches = 0;
        for (int i = 0; i < file.Length; i++)
        {
            float raw = model.Step(file.Hours[i], file.Minutes[i], file.Values[i]);
            if ((float)file.RawScores[i] != raw)
            {
                mismatches++;
                if (first < 0)
                {
                    first = i;
                }
            }
        }

        return first;
    }

    [NabFact]
    public void SpeedTrafficFileMatchesShippedRawScoresBitForBit()
    {
        var file = ShippedNumentaFile.Load("realTraffic/speed_7578.csv");
        int first = FirstMismatch(file, out int mismatches);
        output.WriteLine($"{file.RelativePath}: {mismatches} mismatches, first at {first}");
        Assert.Equal(-1, first);
    }

    /// <summary>CI subset: files long enough to exercise segment growth, the 32-synapse cap and R0's stale indices.</summary>
    [NabFact]
    public void CiSubsetMatchesShippedRawScoresBitForBit()
    {
        string[] files = ["realAdExchange/exchange-2_cpc_results.csv", "artificialWithAnomaly/art_daily_jumpsup.csv"];
        foreach (string path in files)
        {
            var file = ShippedNumentaFile.Load(path);
            int first = FirstMismatch(file, out int mismatches);
            output.WriteLine($"{path}: {file.Length} rows, {mismatches} mismatches, first at {first}");
            Assert.Equal(-1, first);
        }
    }

    /// <summary>
    /// The full check over all 58 files (about 365k rows; minutes on two cores). Enabled by
    /// <c>VIGIL_HTM_FULL=1 dotnet test tests/Vigil.Detectors.Tests -c Release --filter FullyQualifiedName~AllFilesMatch</c>.
    /// </summary>
    [OptInNabFact("VIGIL_HTM_FULL", "The 58-file HTM raw-score parity check (minutes on two cores)")]
    [Trait("Category", "Slow")]
    public void AllFilesMatchShippedRawScoresBitForBit()
    {
        var files = ShippedNumentaFile.All();
        var results = new string[files.Count];
        var matched = new bool[files.Count];
        Parallel.For(0, files.Count, i =>
        {
            var file = ShippedNumentaFile.Load(files[i]);
            int first = FirstMismatch(file, out int mismatches);
            matched[i] = first < 0;
            results[i] = $"{files[i]}: {file.Length} rows, {mismatches} mismatches, first at {first}";
        });
        foreach (string line in results)
        {
            output.WriteLine(line);
        }

        output.WriteLine($"{matched.Count(m => m)} of {files.Count} files match bit for bit");
        Assert.All(matched, Assert.True);
    }
}
