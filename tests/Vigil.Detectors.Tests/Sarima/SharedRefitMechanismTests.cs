using Vigil.Detection;
using Vigil.Detectors.Decomposition;
using Vigil.Detectors.Sarima;
using Vigil.Pipeline;
using Vigil.Testing;
using Xunit;

namespace Vigil.Detectors.Tests.Sarima;

/// <summary>Issue 12 item 20: sarima and decomposition refit through the shared <see cref="RefitPolicy"/> mechanism.</summary>
public sealed class SharedRefitMechanismTests
{
    [Fact]
    public void TheirOptionsAreRefitOptionsSoHarnessesBuildTheSamePolicy()
    {
        var sarima = new SarimaOptions { RefitEvery = 300, TrainWindow = 900 };
        var decomposition = new DecompositionOptions { RefitEvery = 200, TrainWindow = 600 };
        Assert.Equal(new RefitPolicy(100, 300, 900), RefitPolicy.For(sarima, 100));
        Assert.Equal(new RefitPolicy(100, 200, 600), RefitPolicy.For(decomposition, 100));
    }

    [Fact]
    public void SarimaRefitsExactlyWhenTheSharedPolicySays()
    {
        // A refit changes the model; between refits the model object stays the same.
        var series = SyntheticSeries.RandomWalk(700);
        var detector = new SarimaDetector(new SarimaOptions { TrainLength = 100, RefitEvery = 150, TrainWindow = 200 });
        var policy = new RefitPolicy(100, 150, 200);
        SarimaModel? previous = null;
        int sinceFit = 0;
        var changes = new List<int>();
        var span = series.Values.Span;
        var times = series.Timestamps.Span;
        for (int i = 0; i < series.Length; i++)
        {
            bool fitted = previous is not null;
            detector.Step(new Observation(times[i], span[i]));
            sinceFit += fitted ? 1 : 0;
            if (!ReferenceEquals(detector.Model, previous))
            {
                changes.Add(i + 1);
                Assert.True(policy.IsFitDue(fitted, i + 1, sinceFit), $"unexpected refit after {i + 1} rows");
                previous = detector.Model;
                sinceFit = 0;
            }
        }

        Assert.Equal([100, 250, 400, 550, 700], changes);
    }

    [Fact]
    public void CalibratedSarimaStaysCausal()
    {
        var series = SyntheticSeries.Spike(600, at: 450);
        var options = new SarimaOptions { TrainLength = 100, RefitEvery = 150, TrainWindow = 200, Calibration = CalibrationSpec.Likelihood with { ReestimationPeriod = 10 } };
        var whole = CausalRun.Execute(new SarimaDetector(options), new CausalRunRequest(series) { TrainLength = 100 }).Scores;
        var prefix = CausalRun.Execute(new SarimaDetector(options), new CausalRunRequest(series.Slice(0, 451)) { TrainLength = 100 }).Scores;
        Assert.Equal(whole[..451], prefix);
        Assert.True(whole[450..460].Max() > whole[200..450].Max(), $"the spike's likelihood score {whole[450..460].Max()} vs before {whole[200..450].Max()}");
    }
}
