using Vigil.Randomness;
using Vigil.Tuning.Space;

namespace Vigil.Tuning.Samplers;

/// <summary>Independent uniform draws: ints and floats uniform (or log-uniform), categoricals with equal probability.</summary>
public sealed class RandomSampler : ISampler
{
    /// <inheritdoc />
    public string Name => "random";

    /// <inheritdoc />
    public IReadOnlyDictionary<string, double> Sample(SearchSpace space, IReadOnlyList<TrialRecord> history, StudyDirection direction, IRandomSource rng)
    {
        ArgumentNullException.ThrowIfNull(space);
        ArgumentNullException.ThrowIfNull(rng);
        var chosen = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var p in space.Parameters)
        {
            if (space.IsActive(p, chosen))
            {
                chosen[p.Name] = Draw(p, rng);
            }
        }

        return chosen;
    }

    /// <summary>One uniform draw of <paramref name="p"/>'s internal value.</summary>
    public static double Draw(ParameterDistribution p, IRandomSource rng)
    {
        ArgumentNullException.ThrowIfNull(p);
        ArgumentNullException.ThrowIfNull(rng);
        switch (p)
        {
            case CategoricalDistribution c:
                return rng.NextInt(c.Choices.Count);
            case IntDistribution i when !i.Log:
                return i.Low + (i.Step * (long)Math.Floor(rng.NextDouble() * (((i.High - i.Low) / i.Step) + 1)));
            default:
                var (low, high) = TransformedBounds.Of(p);
                return TransformedBounds.Back(p, low + (rng.NextDouble() * (high - low)));
        }
    }
}
