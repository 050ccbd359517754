using Vigil.Testing;
using Vigil.Evaluation.Nab;
using Xunit.Abstractions;

namespace Vigil.Evaluation.Tests.Nab;

public class NabCorpusTests
{
    // Appendix A of nab-scoring.md, copied verbatim: file | n | p | labels | windows.
    private const string AppendixA = """
| artificialNoAnomaly/art_daily_no_noise.csv | 4032 | 604 | 0 | — |
| artificialNoAnomaly/art_daily_perfect_square_wave.csv | 4032 | 604 | 0 | — |
| artificialNoAnomaly/art_daily_small_noise.csv | 4032 | 604 | 0 | — |
| artificialNoAnomaly/art_flatline.csv | 4032 | 604 | 0 | — |
| artificialNoAnomaly/art_noisy.csv | 4032 | 604 | 0 | — |
| artificialWithAnomaly/art_daily_flatmiddle.csv | 4032 | 604 | 1 | [2679..3081] (403) |
| artificialWithAnomaly/art_daily_jumpsdown.csv | 4032 | 604 | 1 | [2787..3189] (403) |
| artificialWithAnomaly/art_daily_jumpsup.csv | 4032 | 604 | 1 | [2787..3189] (403) |
| artificialWithAnomaly/art_daily_nojump.csv | 4032 | 604 | 1 | [2787..3189] (403) |
| artificialWithAnomaly/art_increase_spike_density.csv | 4032 | 604 | 1 | [1805..2207] (403) |
| artificialWithAnomaly/art_load_balancer_spikes.csv | 4032 | 604 | 1 | [2734..3136] (403) |
| realAWSCloudwatch/ec2_cpu_utilization_24ae8d.csv | 4032 | 604 | 2 | [3447..3647] (201), [3677..3877] (201) |
| realAWSCloudwatch/ec2_cpu_utilization_53ea38.csv | 4032 | 604 | 2 | [1396..1596] (201), [2559..2759] (201) |
| realAWSCloudwatch/ec2_cpu_utilization_5f5533.csv | 4032 | 604 | 2 | [1171..1371] (201), [2830..3030] (201) |
| realAWSCloudwatch/ec2_cpu_utilization_77c1ca.csv | 4032 | 604 | 1 | [1765..2167] (403) |
| realAWSCloudwatch/ec2_cpu_utilization_825cc2.csv | 4032 | 604 | 2 | [1526..1868] (343) |
| realAWSCloudwatch/ec2_cpu_utilization_ac20cd.csv | 4032 | 604 | 1 | [3374..3776] (403) |
| realAWSCloudwatch/ec2_cpu_utilization_c6585a.csv | 4032 | 604 | 0 | — |
| realAWSCloudwatch/ec2_cpu_utilization_fe7f93.csv | 4032 | 604 | 3 | [698..832] (135), [2064..2198] (135), [2535..2669] (135) |
| realAWSCloudwatch/ec2_disk_write_bytes_1ef3de.csv | 4730 | 709 | 1 | [2399..2871] (473) |
| realAWSCloudwatch/ec2_disk_write_bytes_c0d644.csv | 4032 | 604 | 3 | [1794..1928] (135), [2239..2373] (135), [2964..3098] (135) |
| realAWSCloudwatch/ec2_network_in_257a54.csv | 4032 | 604 | 1 | [1437..1839] (403) |
| realAWSCloudwatch/ec2_network_in_5abac7.csv | 4730 | 709 | 2 | [2490..2726] (237), [3091..3327] (237) |
| realAWSCloudwatch/elb_request_count_8c0756.csv | 4032 | 604 | 2 | [683..883] (201), [3582..3782] (201) |
| realAWSCloudwatch/grok_asg_anomaly.csv | 4621 | 693 | 3 | [1177..1331] (155), [1492..1646] (155), [3676..3830] (155) |
| realAWSCloudwatch/iio_us-east-1_i-a2eb1cd9_NetworkIn.csv | 1243 | 186 | 2 | [218..280] (63), [308..370] (63) |
| realAWSCloudwatch/rds_cpu_utilization_cc0c53.csv | 4032 | 604 | 2 | [2980..3180] (201), [3479..3679] (201) |
| realAWSCloudwatch/rds_cpu_utilization_e47b3b.csv | 4032 | 604 | 2 | [846..1046] (201), [2485..2685] (201) |
| realAdExchange/exchange-2_cpc_results.csv | 1624 | 243 | 1 | [244..406] (163) |
| realAdExchange/exchange-2_cpm_results.csv | 1624 | 243 | 2 | [565..645] (81), [934..1014] (81) |
| realAdExchange/exchange-3_cpc_results.csv | 1538 | 230 | 3 | [271..321] (51), [413..463] (51), [952..1002] (51) |
| realAdExchange/exchange-3_cpm_results.csv | 1538 | 230 | 1 | [1045..1197] (153) |
| realAdExchange/exchange-4_cpc_results.csv | 1643 | 246 | 3 | [340..394] (55), [749..803] (55), [1249..1303] (55) |
| realAdExchange/exchange-4_cpm_results.csv | 1643 | 246 | 4 | [347..387] (41), [729..769] (41), [1256..1296] (41), [1381..1421] (41) |
| realKnownCause/ambient_temperature_system_failure.csv | 7267 | 750 | 2 | [3540..3902] (363), [5999..6361] (363) |
| realKnownCause/cpu_utilization_asg_misconfiguration.csv | 18050 | 750 | 2 | [16551..18049] (1499) |
| realKnownCause/ec2_request_latency_system_failure.csv | 4032 | 604 | 3 | [2014..2148] (135), [3328..3462] (135), [3956..4031] (76) |
| realKnownCause/machine_temperature_system_failure.csv | 22695 | 750 | 4 | [2126..2692] (567), [3703..4269] (567), [16057..16623] (567), [19232..19798] (567) |
| realKnownCause/nyc_taxi.csv | 10320 | 750 | 5 | [5839..6045] (207), [7080..7286] (207), [8423..8629] (207), [8731..8937] (207), [9977..10183] (207) |
| realKnownCause/rogue_agent_key_hold.csv | 1882 | 282 | 2 | [669..763] (95), [1240..1334] (95) |
| realKnownCause/rogue_agent_key_updown.csv | 5315 | 750 | 2 | [2243..2507] (265), [2877..3141] (265) |
| realTraffic/TravelTime_387.csv | 2500 | 375 | 3 | [387..469] (83), [948..1030] (83), [1485..1567] (83) |
| realTraffic/TravelTime_451.csv | 2162 | 324 | 1 | [438..654] (217) |
| realTraffic/occupancy_6005.csv | 2380 | 357 | 1 | [1645..1883] (239) |
| realTraffic/occupancy_t4013.csv | 2500 | 375 | 2 | [2087..2211] (125), [2335..2459] (125) |
| realTraffic/speed_6005.csv | 2500 | 375 | 1 | [2261..2499] (239) |
| realTraffic/speed_7578.csv | 1127 | 169 | 4 | [303..331] (29), [740..768] (29), [909..937] (29), [945..973] (29) |
| realTraffic/speed_t4013.csv | 2495 | 374 | 2 | [2084..2208] (125), [2335..2459] (125) |
| realTweets/Twitter_volume_AAPL.csv | 15902 | 750 | 4 | [1235..1631] (397), [2920..3316] (397), [4761..5157] (397), [9087..9483] (397) |
| realTweets/Twitter_volume_AMZN.csv | 15831 | 750 | 4 | [1796..2190] (395), [3538..3932] (395), [9598..9992] (395), [11409..11803] (395) |
| realTweets/Twitter_volume_CRM.csv | 15902 | 750 | 3 | [2872..3402] (531), [5800..6330] (531), [7768..8298] (531) |
| realTweets/Twitter_volume_CVS.csv | 15853 | 750 | 4 | [1462..2193] (732), [7775..8171] (397), [13349..13745] (397) |
| realTweets/Twitter_volume_FB.csv | 15833 | 750 | 2 | [4614..5404] (791), [9926..10716] (791) |
| realTweets/Twitter_volume_GOOG.csv | 15842 | 750 | 4 | [4106..4743] (638), [6728..7124] (397), [9399..9795] (397) |
| realTweets/Twitter_volume_IBM.csv | 15893 | 750 | 2 | [6812..7606] (795), [14848..15642] (795) |
| realTweets/Twitter_volume_KO.csv | 15851 | 750 | 3 | [5970..6498] (529), [11568..12096] (529), [13190..13718] (529) |
| realTweets/Twitter_volume_PFE.csv | 15858 | 750 | 4 | [950..1346] (397), [1396..1792] (397), [4101..4497] (397), [11346..11742] (397) |
| realTweets/Twitter_volume_UPS.csv | 15866 | 750 | 5 | [1027..1343] (317), [1443..1759] (317), [1782..2098] (317), [7289..7605] (317), [8707..9023] (317) |
""";

    [NabFact]
    public void EveryFileHasTheRowsProbationAndWindowRowRangesOfAppendixA()
    {

        var corpus = NabCorpusFixture.Corpus;
        var lines = AppendixA.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(58, lines.Length);
        Assert.Equal(lines.Select(l => l.Split('|')[1].Trim()).Order(StringComparer.Ordinal), corpus.Files.Select(f => f.RelativePath));
        foreach (string line in lines)
        {
            string[] cells = line.Split('|');
            var file = corpus.Get(cells[1].Trim());
            Assert.Equal(int.Parse(cells[2].Trim()), file.RowCount);
            Assert.Equal(int.Parse(cells[3].Trim()), file.ProbationLength);
            string expected = cells[5].Trim();
            string actual = file.Windows.Count == 0 ? "—" : string.Join(", ", file.Windows.Select(w => $"[{w.FirstRow}..{w.LastRow}] ({w.Width})"));
            Assert.True(expected == actual, $"{file.RelativePath}: expected {expected}, got {actual}");
        }
    }

    [NabFact]
    public void TheCorpusHas58FilesIn7Categories116WindowsAnd332842ScoredRows()
    {

        var corpus = NabCorpusFixture.Corpus;
        Assert.Equal(58, corpus.Files.Count);
        Assert.Equal(116, corpus.TotalWindows);
        Assert.Equal(7, corpus.Files.Select(f => f.Category).Distinct().Count());
        Assert.Equal(365_558, corpus.Files.Sum(f => f.RowCount));
        Assert.Equal(332_842, corpus.Files.Sum(f => f.RowCount - f.ProbationLength));
        Assert.Equal(["standard", "reward_low_FP_rate", "reward_low_FN_rate"], corpus.Profiles.Select(p => p.Name));
        Assert.Equal(NabProfile.Defaults, corpus.Profiles);
    }

    [NabFact]
    public void FilterSelectsByCategoryAndGlob()
    {

        var corpus = NabCorpusFixture.Corpus;
        Assert.Equal(7, corpus.Filter("realKnownCause", null).Count());
        Assert.Equal(["realKnownCause/nyc_taxi.csv"], corpus.Filter(null, "nyc_*").Select(f => f.RelativePath));
        Assert.Equal(10, corpus.Filter("realTweets", "Twitter_volume_*.csv").Count());
    }

    [NabFact]
    public void LoadedSeriesKeepFileOrderAndMatchTheRowCount()
    {

        var file = NabCorpusFixture.Corpus.Get("realKnownCause/ec2_request_latency_system_failure.csv");
        var labeled = file.LoadLabeled();
        Assert.Equal(file.RowCount, labeled.Series.Length);
        Assert.Equal(file.Windows, labeled.Windows);
        Assert.Equal(604, labeled.ProbationLength);
    }

    [Fact]
    public void AMissingWindowsFileIsAnErrorNamingIt()
    {
        using var synthetic = new SyntheticCorpus();
        Directory.CreateDirectory(Path.Combine(synthetic.Root, "data", "cat"));
        var e = Assert.Throws<FileNotFoundException>(() => NabCorpus.Load(synthetic.Root));
        Assert.Contains("combined_windows.json", e.Message);
    }

    [Fact]
    public void AMissingDataFolderIsAnErrorNamingIt()
    {
        using var synthetic = new SyntheticCorpus();
        var e = Assert.Throws<DirectoryNotFoundException>(() => NabCorpus.Load(synthetic.Root));
        Assert.Contains("'data'", e.Message);
    }

    [Fact]
    public void AWindowsKeyWithoutADataFileIsAnErrorNamingIt()
    {
        using var synthetic = new SyntheticCorpus();
        synthetic.AddFile("cat/a.csv", 20, (10, 12));
        File.Delete(Path.Combine(synthetic.Root, "data", "cat", "a.csv"));
        synthetic.AddFile("cat/b.csv", 20);
        var e = Assert.Throws<FormatException>(() => NabCorpus.Load(synthetic.Root));
        Assert.Contains("cat/a.csv", e.Message);
    }
}
