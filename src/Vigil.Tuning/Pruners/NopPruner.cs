namespace Vigil.Tuning.Pruners;

/// <summary>Never prunes.</summary>
public sealed class NopPruner : IPruner
{
    /// <inheritdoc />
    public string Name => "none";

    /// <inheritdoc />
    public bool ShouldPrune(TrialRecord running, IReadOnlyList<TrialRecord> history, StudyDirection direction) => false;
}
