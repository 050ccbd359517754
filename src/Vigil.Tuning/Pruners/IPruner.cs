namespace Vigil.Tuning.Pruners;

/// <summary>
/// Decides, after a trial reports an intermediate value, whether to stop it early. Stateless: it reads the running
/// trial and the finished <c>history</c> only.
/// </summary>
public interface IPruner
{
    /// <summary>Name as the command line writes it.</summary>
    string Name { get; }

    /// <summary>Whether <paramref name="running"/>, whose last intermediate value was just reported, should stop.</summary>
    bool ShouldPrune(TrialRecord running, IReadOnlyList<TrialRecord> history, StudyDirection direction);
}
