namespace Vigil.Detection;

/// <summary>A detector that normalises its input with constants learned in training (recorded in model manifests).</summary>
public interface INormalizingDetector
{
    /// <summary>The constants by name (e.g. <c>mean</c>, <c>scale</c>: the detector sees <c>(x − mean) / scale</c>); empty before training.</summary>
    IReadOnlyDictionary<string, double> Normalization { get; }
}
