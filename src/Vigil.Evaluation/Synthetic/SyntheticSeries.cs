namespace Vigil.Evaluation.Synthetic;

/// <summary>A generated series with the rows where anomalies were injected.</summary>
/// <param name="Series">The series (5-minute rows from 2020-01-01 00:00 UTC).</param>
/// <param name="AnomalyRows">The row at which each anomaly starts, ascending (NAB's point labels).</param>
/// <param name="Windows">The anomaly windows as row ranges, sized and merged as NAB sizes them.</param>
public sealed record SyntheticSeries(TimeSeries Series, IReadOnlyList<int> AnomalyRows, IReadOnlyList<(int First, int Last)> Windows);
