namespace Vigil.Features;

/// <summary>Computes a fixed number of features from one window of values.</summary>
/// <remarks>
/// Implementations allocate nothing per window (scratch space, where needed, is per thread and reused) and
/// are thread-safe. Values are expected to be finite; a NaN inside the window propagates to the features
/// (NaN in, NaN out), which <see cref="Windowing"/> prevents by rejecting non-finite input up front.
/// </remarks>
public interface IFeatureExtractor
{
    /// <summary>Kebab-case name, e.g. <c>mean</c>, <c>slope</c>, <c>band-power</c>; column names derive from it.</summary>
    string Name { get; }

    /// <summary>Features written per window (columns of the feature matrix).</summary>
    int Width { get; }

    /// <summary>Writes <see cref="Width"/> features of <paramref name="window"/> (at least one value) to <paramref name="destination"/>.</summary>
    void Extract(ReadOnlySpan<double> window, Span<double> destination);
}
