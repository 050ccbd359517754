namespace Vigil.Tuning;

/// <summary>Whether a study looks for the smallest or the largest objective value.</summary>
public enum StudyDirection
{
    /// <summary>Smaller is better (losses, errors).</summary>
    Minimize,

    /// <summary>Larger is better (NAB scores, F1).</summary>
    Maximize,
}
