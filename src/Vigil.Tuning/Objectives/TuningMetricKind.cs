namespace Vigil.Tuning.Objectives;

/// <summary>What a tuning metric measures.</summary>
public enum TuningMetricKind
{
    /// <summary>NAB's normalised score under one profile, at the threshold optimised on the tuning files.</summary>
    Nab,

    /// <summary>Best F1 over one threshold shared by the files.</summary>
    BestF1,

    /// <summary>F1 with each file's threshold at a percentile of its training-row scores (causal).</summary>
    PercentileF1,

    /// <summary>The final training (or validation) loss the detector reports.</summary>
    Loss,
}
