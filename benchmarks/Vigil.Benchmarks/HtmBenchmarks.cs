using BenchmarkDotNet.Attributes;
using Vigil.Detectors.Htm;

namespace Vigil.Benchmarks;

/// <summary>
/// Per-row cost of the HTM model (R0, NAB parameters) after it has learned 1k, 5k or 20k rows of a synthetic
/// daily pattern with noise at 5-minute steps: the TM's segment count grows with the rows seen, and so does
/// the cost of forward activity and backtracking. Each invocation steps the warmed model over the next 100 rows.
/// </summary>
[MemoryDiagnoser]
public class HtmBenchmarks
{
    private const int RowsPerInvocation = 100;
    private HtmModel _model = null!;
    private int _row;

    /// <summary>Rows learned before measuring.</summary>
    [Params(1_000, 5_000, 20_000)]
    public int WarmRows { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _model = new HtmModel(HtmDetector.NabResolution(-1.5, 1.5), HtmVariant.R0, new HtmTemporalMemoryParameters());
        for (_row = 0; _row < WarmRows; _row++)
        {
            StepRow(_row);
        }
    }

    /// <summary>100 rows after warm-up; divide by 100 for the per-row cost.</summary>
    [Benchmark(OperationsPerInvoke = RowsPerInvocation)]
    public float StepRows()
    {
        float last = 0f;
        for (int i = 0; i < RowsPerInvocation; i++)
        {
            last = StepRow(_row++);
        }

        return last;
    }

    private float StepRow(int row)
    {
        int minuteOfDay = (row * 5) % 1440;
        double phase = minuteOfDay / 1440.0 * 2 * Math.PI;
        // Deterministic pseudo-noise: a fixed hash of the row, no random source needed.
        double noise = ((row * 2654435761u) % 1000) / 10000.0;
        return _model.Step(minuteOfDay / 60, minuteOfDay % 60, Math.Sin(phase) + noise);
    }
}
