using Vigil.Detection;
using Vigil.Detectors.Htm;
using Vigil.Pipeline;
using Xunit;

namespace Vigil.Detectors.Tests.Htm;

/// <summary>
/// The generic <c>--calibrate likelihood</c> stage is htm's own likelihood + log transform: fed htm's raw scores, it
/// gives htm's final scores on every row where htm's spatial rule (which is not part of the likelihood) does not fire.
/// </summary>
public sealed class GeneralisedLikelihoodTests
{
    private static Observation Row(int i, double value) =>
        new(new DateTimeOffset(2015, 9, 8, 0, 0, 0, TimeSpan.Zero).AddMinutes(5 * i), value);

    // The first two rows are the extremes, so no later value leaves the range seen: htm's spatial rule never fires.
    private static double Value(int i) => i switch
    {
        0 => -11,
        1 => 11,
        _ => (Math.Sin(i * 2 * Math.PI / 48) * 10) + (((i * 7919) % 13) * 0.1) - (i is > 300 and < 310 ? 8 : 0),
    };

    [Theory]
    [InlineData(HtmVariant.R0, false)]
    [InlineData(HtmVariant.R1, true)]
    public void OnHtmRawScoresItEqualsHtmsOwnLikelihoodRowForRow(HtmVariant variant, bool twoSided)
    {
        const int probation = 80;
        var htm = new HtmDetector(new HtmOptions { Variant = variant, HistoricWindowSize = 200, ReestimationPeriod = 20 });
        htm.Prepare(new SeriesContext(probation, -11, 11));
        var generic = new CalibrationSpec { Method = CalibrationMethod.Likelihood, TwoSided = twoSided, HistoricWindow = 200, ReestimationPeriod = 20 }.Create(probation);
        int differing = 0;
        var scores = new List<double>();
        for (int i = 0; i < 400; i++)
        {
            double own = htm.Step(Row(i, Value(i)));
            double calibrated = generic.Step(Value(i), htm.LastRawScore);
            differing += BitConverter.DoubleToInt64Bits(own) == BitConverter.DoubleToInt64Bits(calibrated) ? 0 : 1;
            scores.Add(own);
        }

        Assert.Equal(0, differing);
        Assert.True(scores.Distinct().Count() > 20, "the series must exercise the likelihood, not only its probation");
    }
}
