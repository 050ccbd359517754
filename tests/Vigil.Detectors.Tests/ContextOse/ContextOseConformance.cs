using Vigil.Detection;
using Vigil.Detectors.ContextOse;
using Vigil.Testing;

namespace Vigil.Detectors.Tests.ContextOse;

public sealed class ContextOseConformance : DetectorConformance<ContextOseDetector>
{
    protected override DetectorDescriptor Descriptor => ContextOseDetector.Descriptor;

    protected override bool ScoresAreProbabilities => true;

    // Reset drops the memory; the next step starts a fresh one.
    protected override bool ResetRestoresFreshState => true;

    // As NAB's harness: a probation (rest period 20 rows) and the series' range.
    protected override SeriesContext? ContextFor(TimeSeries series) => new(100, series.Min(), series.Max());
}

/// <summary>The same contract for the predictive edition, without a harness context (first-value range, rest period 30).</summary>
public sealed class ContextOsePredictiveConformance : DetectorConformance<ContextOseDetector>
{
    protected override DetectorDescriptor Descriptor => ContextOseDetector.Descriptor;

    protected override bool ScoresAreProbabilities => true;

    protected override bool ResetRestoresFreshState => true;

    protected override DetectorOptions Options => new ContextOseOptions { Variant = ContextOseVariant.Predictive };
}
