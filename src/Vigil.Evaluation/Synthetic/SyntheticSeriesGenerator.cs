using Vigil.Randomness;

namespace Vigil.Evaluation.Synthetic;

/// <summary>
/// Seeded generators of labelled series (docs/synthetic-data.md): a base signal with Gaussian noise (σ = 1) and
/// anomalies injected after NAB's probationary period, labelled and windowed as NAB labels its corpus.
/// </summary>
/// <remarks>
/// Randomness comes only from <see cref="RandomSource.Create"/> (PCG32) with the given seed, so a kind, length and seed
/// always give the same file. Anomaly count: one per 1,000 rows, at least 1 and at most 10. Anomaly rows: the rows
/// after the probation (15 % of the rows, at most 750) are cut into equal parts, one anomaly placed at random in the
/// middle half of each. Windows: NAB's rule (nab-scoring.md §1): length <c>L = int(0.10 n / k)</c>, each label
/// <c>c</c> gets rows <c>[c − L div 2, c + L div 2]</c> clipped to the file, overlapping windows merged.
/// </remarks>
public static class SyntheticSeriesGenerator
{
    /// <summary>Minutes between rows.</summary>
    public const int StepMinutes = 5;

    /// <summary>Rows in one daily cycle (5-minute rows).</summary>
    public const int Period = 24 * 60 / StepMinutes;

    /// <summary>The fewest rows a series can have (room for the probation and one anomaly window).</summary>
    public const int MinimumLength = 100;

    private static readonly SyntheticKind[] MixedRotation = [SyntheticKind.Spikes, SyntheticKind.LevelShift, SyntheticKind.Seasonal, SyntheticKind.Drift];

    private static readonly DateTimeOffset Start = new(2020, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>Generates a series of <paramref name="kind"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Fewer than <see cref="MinimumLength"/> rows.</exception>
    public static SyntheticSeries Generate(SyntheticKind kind, int length, int seed)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(length, MinimumLength);
        var rng = RandomSource.Create(seed);
        int probation = Math.Min(15 * length / 100, 750);
        int count = Math.Clamp(length / 1000, 1, 10);
        int windowLength = (int)(0.10 * length / count);
        var anomalies = AnomalyRows(rng, probation + (windowLength / 2) + 1, length - (windowLength / 2) - 1, count);

        var values = new double[length];
        for (int i = 0; i < length; i++)
        {
            values[i] = Base(kind, i) + Gaussian(rng);
        }

        for (int a = 0; a < anomalies.Count; a++)
        {
            var anomaly = kind == SyntheticKind.Mixed ? MixedRotation[a % MixedRotation.Length] : kind;
            Inject(anomaly, values, anomalies[a], windowLength, rng);
        }

        var timestamps = new DateTimeOffset[length];
        for (int i = 0; i < length; i++)
        {
            timestamps[i] = Start.AddMinutes((double)StepMinutes * i);
        }

        string id = Name(kind);
        return new SyntheticSeries(new TimeSeries(id, timestamps, values), anomalies, Windows(anomalies, windowLength, length));
    }

    /// <summary>The kebab-case name of <paramref name="kind"/> (<c>level-shift</c>).</summary>
    public static string Name(SyntheticKind kind) => kind switch
    {
        SyntheticKind.LevelShift => "level-shift",
        _ => kind.ToString().ToLowerInvariant(),
    };

    /// <summary>Parses a kebab-case name; null when unknown.</summary>
    public static SyntheticKind? Parse(string name) =>
        Enum.GetValues<SyntheticKind>().Cast<SyntheticKind?>().FirstOrDefault(k => Name(k!.Value) == name);

    private static double Base(SyntheticKind kind, int i) => kind switch
    {
        SyntheticKind.Seasonal => 50 + (10 * Math.Sin(2 * Math.PI * i / Period)),
        SyntheticKind.Trend => 50 + (0.01 * i),
        SyntheticKind.Mixed => 50 + (10 * Math.Sin(2 * Math.PI * i / Period)) + (0.005 * i),
        _ => 50,
    };

    private static void Inject(SyntheticKind kind, double[] values, int row, int windowLength, IRandomSource rng)
    {
        int n = values.Length;
        int span = Math.Max(3, windowLength / 4);
        switch (kind)
        {
            case SyntheticKind.Noisy:
                for (int i = row; i < Math.Min(n, row + span); i++)
                {
                    values[i] += 3 * Gaussian(rng);   // noise of σ = √10 ≈ 3.2 instead of 1
                }

                break;
            case SyntheticKind.Seasonal:
                for (int i = row; i < Math.Min(n, row + Math.Max(span, Period / 4)); i++)
                {
                    values[i] -= 10 * Math.Sin(2 * Math.PI * i / Period);   // the cycle stops: only level and noise remain
                }

                break;
            case SyntheticKind.Trend:
                for (int i = row; i < Math.Min(n, row + span); i++)
                {
                    values[i] -= 8;
                }

                break;
            case SyntheticKind.Spikes:
                values[row] += (rng.NextDouble() < 0.5 ? -1 : 1) * 10;
                break;
            case SyntheticKind.LevelShift:
                for (int i = row; i < n; i++)
                {
                    values[i] += 6;
                }

                break;
            case SyntheticKind.Drift:
                for (int i = row; i < n; i++)
                {
                    values[i] += 8 * Math.Min(1.0, (i - row + 1) / (double)span);
                }

                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(kind), kind, "Mixed series inject the other kinds' anomalies.");
        }
    }

    private static List<int> AnomalyRows(IRandomSource rng, int first, int last, int count)
    {
        var rows = new List<int>();
        if (last <= first)
        {
            return [Math.Clamp((first + last) / 2, 0, Math.Max(0, last))];
        }

        double part = (last - first) / (double)count;
        for (int k = 0; k < count; k++)
        {
            int lo = first + (int)((k + 0.25) * part);
            int width = Math.Max(1, (int)(0.5 * part));
            rows.Add(lo + rng.NextInt(width));
        }

        return rows;
    }

    private static List<(int First, int Last)> Windows(IReadOnlyList<int> rows, int windowLength, int n)
    {
        var windows = new List<(int First, int Last)>();
        foreach (int c in rows)
        {
            var window = (First: Math.Max(c - (windowLength / 2), 0), Last: Math.Min(c + (windowLength / 2), n - 1));
            if (windows.Count > 0 && window.First <= windows[^1].Last)
            {
                windows[^1] = (windows[^1].First, Math.Max(windows[^1].Last, window.Last));   // overlapping windows merge, as in NAB
            }
            else
            {
                windows.Add(window);
            }
        }

        return windows;
    }

    // Box-Muller on two PCG32 doubles (1 − u keeps the logarithm finite).
    private static double Gaussian(IRandomSource rng)
    {
        double u = 1.0 - rng.NextDouble();
        double v = rng.NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u)) * Math.Cos(2 * Math.PI * v);
    }
}
