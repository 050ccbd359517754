namespace Vigil.Pipeline;

/// <summary>How a <see cref="ThresholdRule"/> turns scores into alarms.</summary>
public enum ThresholdKind
{
    /// <summary>No alarms: scores only.</summary>
    None,

    /// <summary>A rolling percentile (99th) of the previous scores, over as many rows as the training length; one threshold per row.</summary>
    Dynamic,

    /// <summary>A percentile of the scores of the training (probationary) rows, fixed afterwards.</summary>
    Percentile,

    /// <summary>A fixed number.</summary>
    Fixed,

    /// <summary>NAB's standard-profile threshold (scoring only: it comes from NAB's sweep, not from the series).</summary>
    NabStandard,
}
