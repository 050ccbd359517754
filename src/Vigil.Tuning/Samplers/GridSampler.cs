using Vigil.Randomness;
using Vigil.Tuning.Space;

namespace Vigil.Tuning.Samplers;

/// <summary>
/// Every combination of every parameter's values, in row-major order (the last parameter varies fastest). Each trial
/// takes the first point that no earlier trial holds (failed trials release theirs), so parallel workers never run
/// one point twice and a resumed study finishes the points a dead process left.
/// </summary>
public sealed class GridSampler : ISampler
{
    /// <inheritdoc />
    public string Name => "grid";

    /// <inheritdoc />
    public IReadOnlyDictionary<string, double> Sample(SearchSpace space, IReadOnlyList<TrialRecord> history, StudyDirection direction, IRandomSource rng)
    {
        ArgumentNullException.ThrowIfNull(space);
        ArgumentNullException.ThrowIfNull(history);
        var taken = history.Where(t => t.State != TrialState.Failed && t.IsSampled).Select(t => space.Format(t.Parameters)).ToHashSet(StringComparer.Ordinal);
        long size = space.GridSize();
        IReadOnlyDictionary<string, double>? first = null;
        for (long index = 0; index < size; index++)
        {
            var point = Point(space, index);
            first ??= point;
            if (!taken.Contains(space.Format(point)))
            {
                return point;
            }
        }

        return first!;   // every point taken: repeat (the study stops at the grid size, so only an explicit longer run gets here)
    }

    /// <summary>The grid point at <paramref name="index"/> (inactive conditional parameters dropped).</summary>
    public static IReadOnlyDictionary<string, double> Point(SearchSpace space, long index)
    {
        ArgumentNullException.ThrowIfNull(space);
        var all = new double[space.Parameters.Count];
        for (int d = space.Parameters.Count - 1; d >= 0; d--)
        {
            var points = space.Parameters[d].GridPoints();
            all[d] = points[(int)(index % points.Count)];
            index /= points.Count;
        }

        var chosen = new Dictionary<string, double>(StringComparer.Ordinal);
        for (int d = 0; d < all.Length; d++)
        {
            if (space.IsActive(space.Parameters[d], chosen))
            {
                chosen[space.Parameters[d].Name] = all[d];
            }
        }

        return chosen;
    }
}
