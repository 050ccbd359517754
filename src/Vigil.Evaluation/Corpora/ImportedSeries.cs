namespace Vigil.Evaluation.Corpora;

/// <summary>One user series on its way into a NAB-layout corpus: its rows and its anomaly windows as row ranges.</summary>
/// <param name="Name">The file name without extension (becomes <c>data/&lt;category&gt;/&lt;name&gt;.csv</c>).</param>
/// <param name="Source">Where it was read, for messages.</param>
/// <param name="Timestamps">The timestamps in file order (UTC).</param>
/// <param name="Values">The values, one per timestamp.</param>
/// <param name="Windows">The anomaly windows as inclusive row ranges, in row order, not overlapping.</param>
public sealed record ImportedSeries(string Name, string Source, IReadOnlyList<DateTimeOffset> Timestamps, IReadOnlyList<double> Values, IReadOnlyList<AnomalyWindow> Windows);
