using Vigil.Evaluation.Nab;
using Vigil.Evaluation.Synthetic;

namespace Vigil.Evaluation.Tests.Synthetic;

public sealed class SyntheticSeriesGeneratorTests
{
    public static TheoryData<SyntheticKind> Kinds => new(Enum.GetValues<SyntheticKind>());

    [Theory]
    [MemberData(nameof(Kinds))]
    public void TheSameKindLengthAndSeedGiveTheSameSeriesAndAnotherSeedAnother(SyntheticKind kind)
    {
        var a = SyntheticSeriesGenerator.Generate(kind, 3000, seed: 5);
        var b = SyntheticSeriesGenerator.Generate(kind, 3000, seed: 5);
        var c = SyntheticSeriesGenerator.Generate(kind, 3000, seed: 6);
        Assert.Equal(a.Series.Values.ToArray(), b.Series.Values.ToArray());
        Assert.Equal(a.AnomalyRows, b.AnomalyRows);
        Assert.NotEqual(a.Series.Values.ToArray(), c.Series.Values.ToArray());
    }

    [Theory]
    [InlineData(SyntheticKind.Spikes, 4000, 4)]
    [InlineData(SyntheticKind.Noisy, 100, 1)]
    [InlineData(SyntheticKind.Mixed, 25_000, 10)]
    public void AnomaliesFollowTheProbationAndWindowsAreSizedAsNabSizesThem(SyntheticKind kind, int n, int expectedAnomalies)
    {
        var generated = SyntheticSeriesGenerator.Generate(kind, n, seed: 3);
        Assert.Equal(expectedAnomalies, generated.AnomalyRows.Count);
        int probation = Math.Min(15 * n / 100, 750);
        int length = (int)(0.10 * n / expectedAnomalies);
        Assert.All(generated.AnomalyRows, r => Assert.InRange(r, probation, n - 1));
        Assert.Equal(generated.AnomalyRows.Order(), generated.AnomalyRows);
        // nab-scoring.md §1: each label c gets [c - L div 2, c + L div 2]; overlapping windows merge.
        Assert.All(generated.Windows, w => Assert.True(w.First >= probation, $"window {w} starts inside the probation ({probation} rows)"));
        foreach (int c in generated.AnomalyRows)
        {
            Assert.Contains(generated.Windows, w => w.First <= c - (length / 2) && c + (length / 2) <= w.Last);
        }

        if (generated.Windows.Count == generated.AnomalyRows.Count)
        {
            Assert.All(generated.Windows, w => Assert.Equal((2 * (length / 2)) + 1, w.Last - w.First + 1));
        }
    }

    [Fact]
    public void TheSpikesAreWhereTheLabelsSay()
    {
        var generated = SyntheticSeriesGenerator.Generate(SyntheticKind.Spikes, 4000, seed: 1);
        var values = generated.Series.Values.ToArray();
        var farthest = values.Select((v, i) => (Distance: Math.Abs(v - 50), Row: i)).OrderByDescending(p => p.Distance).Take(4).Select(p => p.Row).Order();
        Assert.Equal(generated.AnomalyRows, farthest);
    }

    [Fact]
    public void AWrittenCorpusLoadsAsANabCorpusWithItsWindows()
    {
        string root = Directory.CreateTempSubdirectory("vigil-synth-").FullName;
        try
        {
            var written = SyntheticCorpus.Write(root, [SyntheticKind.LevelShift, SyntheticKind.Drift], 2000, seed: 9);
            var corpus = NabCorpus.Load(root);
            Assert.Equal(2, corpus.Files.Count);
            Assert.Equal(written.Sum(w => w.Windows.Count), corpus.TotalWindows);
            Assert.Equal(written.Select(w => w.Windows.Count), corpus.Files.Select(f => f.WindowCount));
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }
}
