namespace Vigil.Tuning.Stores;

/// <summary>
/// Keeps studies and their trials. Every method is one atomic state change (or one consistent read), and several
/// threads or processes may call them at once: trial numbers are unique and never reused.
/// </summary>
public interface ITrialStore
{
    /// <summary>The study called <paramref name="name"/>, or null.</summary>
    StudyRecord? FindStudy(string name);

    /// <summary>Creates <paramref name="study"/>, or returns the stored one of the same name (the caller checks they agree).</summary>
    StudyRecord OpenOrCreate(StudyRecord study);

    /// <summary>Every study, by name.</summary>
    IReadOnlyList<StudyRecord> ListStudies();

    /// <summary>
    /// Creates the next trial (number = one more than the largest so far, state <see cref="TrialState.Running"/>, no
    /// parameters) if fewer than <paramref name="maxTrials"/> trials are complete, pruned or running; else null.
    /// </summary>
    TrialRecord? Create(string study, int maxTrials, string worker, DateTimeOffset now);

    /// <summary>Replaces the stored trial of the same number with <paramref name="trial"/>.</summary>
    /// <exception cref="InvalidOperationException">The stored trial has already finished (its record is final).</exception>
    void Update(string study, TrialRecord trial);

    /// <summary>Every trial of the study, by number.</summary>
    IReadOnlyList<TrialRecord> List(string study);
}
