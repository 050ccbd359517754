using Vigil.Detection;
using Vigil.Detectors.Baselines;
using Vigil.Detectors.IsolationForest;
using Vigil.Detectors.Decomposition;
using Vigil.Detectors.Sarima;
using Vigil.Detectors.Htm;
using Vigil.Detectors.Artime;
using Vigil.Detectors.ContextOse;
using Vigil.Detectors.Ensemble;

namespace Vigil.Detectors;

/// <summary>Registers the detectors that ship in <c>Vigil.Detectors</c>.</summary>
public static class BuiltInDetectors
{
    /// <summary>
    /// Adds the built-in detectors to <paramref name="registry"/>, in a fixed order: <c>null</c>,
    /// <c>random</c>, <c>windowed-gaussian</c>, <c>moving-zscore</c>, <c>htm</c>, <c>isolation-forest</c>, <c>sarima</c>, <c>decomposition</c>, <c>artime</c>, <c>context-ose</c>, <c>ensemble</c>.
    /// </summary>
    /// <returns>The same registry, for chaining.</returns>
    public static DetectorRegistry AddBuiltInDetectors(this DetectorRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(registry);
        return registry
            .Add(NullDetector.Descriptor)
            .Add(RandomDetector.Descriptor)
            .Add(WindowedGaussianDetector.Descriptor)
            .Add(MovingZScoreDetector.Descriptor)
            .Add(HtmDetector.Descriptor)
            .Add(IsolationForestDetector.Descriptor)
            .Add(SarimaDetector.Descriptor)
            .Add(DecompositionDetector.Descriptor)
            .Add(ArtimeDetector.Descriptor)
            .Add(ContextOseDetector.Descriptor)
            .Add(EnsembleDetector.Descriptor);
    }
}
