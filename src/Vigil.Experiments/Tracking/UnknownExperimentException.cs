namespace Vigil.Experiments.Tracking;

/// <summary>A request named an experiment the store does not hold.</summary>
/// <param name="experiment">The name asked for.</param>
/// <param name="known">The names the store does hold, for the message.</param>
public sealed class UnknownExperimentException(string experiment, IReadOnlyList<string> known)
    : Exception($"Unknown experiment '{experiment}'" + (known.Count == 0 ? "; the tracking store has no experiments yet." : $"; known: {string.Join(", ", known)}."))
{
    /// <summary>The name asked for.</summary>
    public string Experiment { get; } = experiment;
}
