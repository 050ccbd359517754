namespace Vigil.Experiments.Tracking;

/// <summary>One logged value of a metric.</summary>
/// <param name="Name">Metric name, e.g. <c>loss</c>.</param>
/// <param name="Value">The value (may be NaN or infinite).</param>
/// <param name="Step">Orders the values of one metric, e.g. the epoch.</param>
/// <param name="Timestamp">When it was logged.</param>
public sealed record MetricPoint(string Name, double Value, long Step, DateTimeOffset Timestamp);
