namespace Vigil.Tuning.Pruners;

/// <summary>Creates pruners by name.</summary>
public static class Pruners
{
    /// <summary>The names <see cref="Create"/> accepts.</summary>
    public static IReadOnlyList<string> Names { get; } = ["median", "asha", "none"];

    /// <summary>The pruner called <paramref name="name"/>.</summary>
    /// <exception cref="FormatException">Unknown name.</exception>
    public static IPruner Create(string name) => name.ToLowerInvariant() switch
    {
        "median" => new MedianPruner(),
        "asha" or "successive-halving" => new SuccessiveHalvingPruner(),
        "none" => new NopPruner(),
        _ => throw new FormatException($"Unknown pruner '{name}'. Known: {string.Join(", ", Names)}."),
    };
}
