namespace Vigil.Evaluation.Corpora;

/// <summary>How labelled rows become anomaly windows on import.</summary>
public enum WindowSizing
{
    /// <summary>Each run of consecutive labelled rows is one window, kept exactly as given.</summary>
    AsGiven,

    /// <summary>Each run of labelled rows is one point label (its middle row); windows are sized by <see cref="NabWindowRule"/>.</summary>
    Nab,
}
