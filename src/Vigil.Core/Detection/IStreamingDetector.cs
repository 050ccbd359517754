namespace Vigil.Detection;

/// <summary>
/// An online detector: each call scores one new point against the past, then absorbs it.
/// </summary>
/// <remarks>
/// There is no separate <c>Score</c>: a sequence model cannot score a point without moving its state
/// forward. Instances are not thread-safe; run one instance per series.
/// </remarks>
public interface IStreamingDetector : IAnomalyDetector
{
    /// <summary>Scores <paramref name="x"/> using only earlier points, then learns from it.</summary>
    /// <param name="x">The next point, in series order.</param>
    /// <param name="learn">When false, learned parameters stay frozen; sequence state still advances.</param>
    /// <returns>A finite anomaly score; higher means more anomalous.</returns>
    double Step(in Observation x, bool learn = true);

    /// <summary>Forgets sequence state but keeps what was learned.</summary>
    void Reset();
}
