namespace Vigil;

/// <summary>One point of a univariate time series.</summary>
/// <param name="Timestamp">When the value was observed (UTC).</param>
/// <param name="Value">The observed value; finite.</param>
public readonly record struct Observation(DateTimeOffset Timestamp, double Value);
