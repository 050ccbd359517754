using System.Text.Json.Nodes;
using Vigil.Randomness;
using Vigil.Tuning.Samplers;
using Vigil.Tuning.Space;

namespace Vigil.Tuning.Tests;

public sealed class SamplerTests
{
    private static double[] Draws(ParameterDistribution p, int n, int seed)
    {
        var space = new SearchSpace([p]);
        var sampler = new RandomSampler();
        var rng = RandomSource.Create(seed);
        return Enumerable.Range(0, n).Select(_ => sampler.Sample(space, [], StudyDirection.Minimize, rng)[p.Name]).ToArray();
    }

    // Kolmogorov–Smirnov distance between a sample and a CDF; 1.63/sqrt(n) is the 1% critical value.
    private static double KsDistance(double[] sample, Func<double, double> cdf)
    {
        var s = sample.Order().ToArray();
        double d = 0;
        for (int i = 0; i < s.Length; i++)
        {
            double f = cdf(s[i]);
            d = Math.Max(d, Math.Max(Math.Abs(f - ((double)i / s.Length)), Math.Abs(((double)(i + 1) / s.Length) - f)));
        }

        return d;
    }

    [Fact]
    public void RandomFloatIsUniformOnItsRange()
    {
        var x = Draws(new FloatDistribution("x", 2, 5), 4000, 1);
        Assert.All(x, v => Assert.InRange(v, 2, 5));
        Assert.True(KsDistance(x, v => (v - 2) / 3) < 1.63 / Math.Sqrt(x.Length));
    }

    [Fact]
    public void RandomLogFloatIsUniformInTheLogarithm()
    {
        var x = Draws(new FloatDistribution("lr", 1e-4, 1e-1, Log: true), 4000, 2);
        Assert.All(x, v => Assert.InRange(v, 1e-4, 1e-1));
        Assert.True(KsDistance(x, v => (Math.Log(v) - Math.Log(1e-4)) / (Math.Log(1e-1) - Math.Log(1e-4))) < 1.63 / Math.Sqrt(x.Length));
    }

    [Fact]
    public void RandomIntAndCategoricalGiveEveryValueEqualProbability()
    {
        // Chi-square with 9 degrees of freedom: 21.67 is the 1% critical value.
        var ints = Draws(new IntDistribution("k", 1, 10), 5000, 3);
        var counts = Enumerable.Range(1, 10).Select(k => ints.Count(v => v == k)).ToArray();
        Assert.True(counts.Sum(c => (c - 500.0) * (c - 500.0) / 500.0) < 21.67, string.Join(",", counts));

        var cats = Draws(new CategoricalDistribution("c", [JsonValue.Create("a"), JsonValue.Create("b"), JsonValue.Create("c")]), 3000, 4);
        var catCounts = Enumerable.Range(0, 3).Select(k => cats.Count(v => v == k)).ToArray();
        Assert.True(catCounts.Sum(c => (c - 1000.0) * (c - 1000.0) / 1000.0) < 9.21, string.Join(",", catCounts));   // 2 dof, 1%
    }

    [Fact]
    public void SameSeedSameTrialsAndOtherSeedsOtherTrials()
    {
        var a = TestFunctions.BraninBestSoFar(new TpeSampler(), seed: 5, trials: 30);
        var b = TestFunctions.BraninBestSoFar(new TpeSampler(), seed: 5, trials: 30);
        var c = TestFunctions.BraninBestSoFar(new TpeSampler(), seed: 6, trials: 30);
        Assert.Equal(a, b);
        Assert.NotEqual(a, c);
    }

    [Fact]
    public void TrialSeedDependsOnlyOnStudySeedAndNumber()
    {
        Assert.Equal(TrialSeed.Of(3, 17), TrialSeed.Of(3, 17));
        var seeds = Enumerable.Range(0, 1000).Select(k => TrialSeed.Of(3, k)).ToHashSet();
        Assert.Equal(1000, seeds.Count);
        Assert.NotEqual(TrialSeed.Of(3, 0), TrialSeed.Of(4, 0));
    }

    [Fact]
    public void TpeFindsBraninsOptimumInFewerTrialsThanRandom()
    {
        // Over 10 seeds: the best value after 40 trials is lower with TPE than with random search in most seeds
        // (a sign test: 8 or more of 10 has p < 0.055 under "no difference"), and in the median.
        var tpe = Enumerable.Range(0, 10).Select(s => TestFunctions.BraninBestSoFar(new TpeSampler(), s, 40)[^1]).ToArray();
        var random = Enumerable.Range(0, 10).Select(s => TestFunctions.BraninBestSoFar(new RandomSampler(), s, 40)[^1]).ToArray();
        int wins = tpe.Zip(random).Count(p => p.First < p.Second);
        Assert.True(wins >= 8, $"TPE better in {wins}/10 seeds: tpe {string.Join(", ", tpe)}; random {string.Join(", ", random)}");
        Assert.True(Median(tpe) < Median(random));
        Assert.True(Median(tpe) < 1.0, $"median best {Median(tpe)} (optimum 0.398)");
    }

    [Theory]
    [InlineData(false, 0.0, 0.0, -0.973537947402)]
    [InlineData(false, 0.12, 1.0, -0.908157608607)]
    [InlineData(false, 0.5, 5.0, -1.051100168955)]
    [InlineData(false, 0.99, 9.9, -1.206245016283)]
    [InlineData(true, 0.0, 0.0, -1.194979927374)]
    [InlineData(true, 0.12, 1.0, -1.120166446835)]
    [InlineData(true, 0.5, 5.0, -1.267985095673)]
    [InlineData(true, 0.99, 9.9, -1.324987115892)]
    public void TheParzenEstimatorScoresPointsAsOptuna31Does(bool multivariate, double a, double b, double expected)
    {
        // Golden values: optuna 3.1.0 (Debian python3-optuna), _ParzenEstimator over a in [0, 1], b in [-5, 10] with
        // observations (0.1, 2), (0.15, -4), (0.8, 9.5), prior weight 1, magic clip, no endpoints, default weights,
        // .log_pdf at the point. Its kernels are scored without their 1/sigma factor (width-weighted).
        var dims = new[] { new ParzenEstimator.Dimension(0, 1, 0), new ParzenEstimator.Dimension(-5, 10, 0) };
        var observations = new List<double[]> { new[] { 0.1, 2.0 }, new[] { 0.15, -4.0 }, new[] { 0.8, 9.5 } };
        var estimator = new ParzenEstimator(dims, observations, TpeSampler.Weights(3), multivariate, priorWeight: 1.0, sigma0: 0.2, widthWeighted: true);
        Assert.Equal(expected, estimator.LogPdf([a, b]), 1e-9);
    }

    [Fact]
    public void TheParzenEstimatorIsADensityWhenKernelsAreNotWidthWeighted()
    {
        // Normalised kernels: the mixture integrates to 1 over the box (midpoint rule on a fine grid).
        var dims = new[] { new ParzenEstimator.Dimension(0, 1, 0), new ParzenEstimator.Dimension(-5, 10, 0) };
        var observations = new List<double[]> { new[] { 0.1, 2.0 }, new[] { 0.15, -4.0 }, new[] { 0.8, 9.5 } };
        var estimator = new ParzenEstimator(dims, observations, TpeSampler.Weights(3), multivariate: false);
        const int n = 400;
        double sum = 0;
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < n; j++)
            {
                sum += Math.Exp(estimator.LogPdf([(i + 0.5) / n, -5 + (15 * (j + 0.5) / n)]));
            }
        }

        Assert.Equal(1.0, sum * (1.0 / n) * (15.0 / n), 3);
    }

    [Fact]
    public void MultivariateTpeAlsoBeatsRandom()
    {
        var tpe = Enumerable.Range(0, 10).Select(s => TestFunctions.BraninBestSoFar(new TpeSampler(multivariate: true), s, 40)[^1]).ToArray();
        var random = Enumerable.Range(0, 10).Select(s => TestFunctions.BraninBestSoFar(new RandomSampler(), s, 40)[^1]).ToArray();
        Assert.True(tpe.Zip(random).Count(p => p.First < p.Second) >= 8);
    }

    [Fact]
    public void LatticeStartupPointsAreSpreadWiderThanUniformDraws()
    {
        // The start-up design's purpose: over 20 seeds, the closest pair among the 5 start-up points of a 6-D unit cube
        // is farther apart with the lattice than with uniform draws, in the median and in most seeds.
        var space = new SearchSpace(Enumerable.Range(0, 6).Select(i => (ParameterDistribution)new FloatDistribution($"x{i}", 0, 1)).ToArray());
        double ClosestPair(StartupDesign design, int seed)
        {
            var study = TestFunctions.NewStudy(new TpeSampler(multivariate: true) { Startup = design }, space, seed);
            study.Optimize((t, _) => TrialOutcome.Complete(0), 5);
            var points = study.Trials().Select(t => Enumerable.Range(0, 6).Select(i => t.Parameters[$"x{i}"]).ToArray()).ToArray();
            Assert.All(points.SelectMany(p => p), v => Assert.InRange(v, 0, 1));
            return points.SelectMany((a, i) => points.Skip(i + 1).Select(b => Math.Sqrt(a.Zip(b).Sum(p => (p.First - p.Second) * (p.First - p.Second))))).Min();
        }

        var lattice = Enumerable.Range(0, 20).Select(s => ClosestPair(StartupDesign.Lattice, s)).ToArray();
        var uniform = Enumerable.Range(0, 20).Select(s => ClosestPair(StartupDesign.Uniform, s)).ToArray();
        Assert.True(Median(lattice) > Median(uniform), $"lattice {Median(lattice)}, uniform {Median(uniform)}");
        Assert.True(lattice.Zip(uniform).Count(p => p.First > p.Second) >= 14, $"lattice {string.Join(", ", lattice)}; uniform {string.Join(", ", uniform)}");
    }

    [Fact]
    public void LatticeStartupTrialKDependsOnlyOnTrialZeroAndK()
    {
        // Point k = frac(u0 + k·α) with u0 trial 0's point: recomputed here from trial 0 alone, for a float, a log
        // float and an int, it matches what the sampler chose (so every worker computes the same start-up trial k).
        var space = new SearchSpace([new FloatDistribution("a", -5, 10), new FloatDistribution("lr", 1e-4, 1e-1, Log: true), new IntDistribution("n", 1, 8)]);
        var study = TestFunctions.NewStudy(new TpeSampler(), space, seed: 3);
        study.Optimize((t, _) => TrialOutcome.Complete(0), 5);
        var trials = study.Trials().ToArray();
        double phi = 2;
        for (int i = 0; i < 50; i++)
        {
            phi = Math.Pow(1 + phi, 1.0 / 4);
        }

        Assert.Equal(0, (phi * phi * phi * phi) - phi - 1, 12);
        var bounds = new[] { (-5.0, 10.0), (Math.Log(1e-4), Math.Log(1e-1)), (0.5, 8.5) };
        double[] Forward(TrialRecord t) => [t.Parameters["a"], Math.Log(t.Parameters["lr"]), t.Parameters["n"]];
        var origin = Forward(trials[0]);
        for (int k = 1; k < 5; k++)
        {
            var actual = Forward(trials[k]);
            for (int d = 0; d < 3; d++)
            {
                var (lo, hi) = bounds[d];
                double u = ((((origin[d] - lo) / (hi - lo)) + (k * (Math.Pow(phi, -(d + 1)) % 1.0))) % 1.0) * (hi - lo) + lo;
                // The int moves on the lattice from its stored (rounded) value and is rounded back to an integer.
                Assert.Equal(d == 2 ? Math.Clamp(Math.Round(u), 1, 8) : u, actual[d], 9);
            }
        }
    }

    [Fact]
    public void TpeConcentratesOnTheGoodCategory()
    {
        var space = new SearchSpace([new CategoricalDistribution("c", [JsonValue.Create("bad"), JsonValue.Create("good"), JsonValue.Create("worse")]), new FloatDistribution("x", 0, 1)]);
        var study = TestFunctions.NewStudy(new TpeSampler(), space, seed: 1);
        study.Optimize((t, _) => TrialOutcome.Complete((t.SuggestCategorical("c") == "good" ? 0 : 1) + t.SuggestFloat("x")), 60);
        int good = study.Trials().Skip(10).Count(t => space.Find("c")!.Format(t.Parameters["c"]) == "good");
        Assert.True(good > 30, $"{good} of 50 TPE trials chose the good category");
    }

    [Fact]
    public void ConditionalParametersAppearOnlyWhenTheirParentAllows()
    {
        var space = new SearchSpace([
            new CategoricalDistribution("kind", [JsonValue.Create("a"), JsonValue.Create("b")]),
            new IntDistribution("depth", 1, 5) { Condition = new ParameterCondition("kind", ["b"]) },
        ]);
        foreach (var sampler in new ISampler[] { new RandomSampler(), new TpeSampler() })
        {
            var study = TestFunctions.NewStudy(sampler, space, seed: 2);
            study.Optimize((t, _) => TrialOutcome.Complete(t.Parameters.TryGetValue("depth", out double d) ? d : 3), 30);
            foreach (var t in study.Trials())
            {
                bool isB = space.Find("kind")!.Format(t.Parameters["kind"]) == "b";
                Assert.Equal(isB, t.Parameters.ContainsKey("depth"));
            }
        }
    }

    [Fact]
    public void GridVisitsEveryPointOnceEvenWithParallelWorkers()
    {
        var space = new SearchSpace([
            new CategoricalDistribution("hiddenUnits", [JsonValue.Create(32), JsonValue.Create(64), JsonValue.Create(128)]),
            new CategoricalDistribution("dropout", [JsonValue.Create(0.1), JsonValue.Create(0.2)]),
        ]);
        Assert.Equal(6, space.GridSize());
        var study = TestFunctions.NewStudy(new GridSampler(), space, seed: 0, syncWindow: 3);
        study.Optimize((t, _) => TrialOutcome.Complete(t.Number), 6, workers: 3);
        var points = study.Trials().Select(t => space.Format(t.Parameters)).ToArray();
        Assert.Equal(6, points.Length);
        Assert.Equal(6, points.Distinct().Count());
        Assert.Contains("hiddenUnits=128 dropout=0.2", points);
    }

    private static double Median(double[] v)
    {
        var s = v.Order().ToArray();
        return 0.5 * (s[(s.Length - 1) / 2] + s[s.Length / 2]);
    }
}
