namespace Vigil.Tuning.Samplers;

/// <summary>Creates samplers by name.</summary>
public static class Samplers
{
    /// <summary>The names <see cref="Create"/> accepts.</summary>
    public static IReadOnlyList<string> Names { get; } = ["tpe", "tpe-multivariate", "random", "grid"];

    /// <summary>The sampler called <paramref name="name"/>.</summary>
    /// <exception cref="FormatException">Unknown name.</exception>
    public static ISampler Create(string name) => name.ToLowerInvariant() switch
    {
        "tpe" => new TpeSampler(),
        "tpe-multivariate" => new TpeSampler(multivariate: true),
        "random" => new RandomSampler(),
        "grid" => new GridSampler(),
        _ => throw new FormatException($"Unknown sampler '{name}'. Known: {string.Join(", ", Names)}."),
    };
}
