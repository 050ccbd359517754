namespace Vigil;

/// <summary>Anomaly scores, one per input point (higher = more anomalous).</summary>
/// <param name="Scores">One finite score per input point.</param>
/// <param name="WarmupLength">Leading points whose scores carry no information (e.g. the first Size-1 points of a windowed detector).</param>
public sealed record ScoreSeries(ReadOnlyMemory<double> Scores, int WarmupLength)
{
    /// <summary>Number of scores.</summary>
    public int Length => Scores.Length;
}
