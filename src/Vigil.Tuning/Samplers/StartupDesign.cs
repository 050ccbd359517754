namespace Vigil.Tuning.Samplers;

/// <summary>Where <see cref="TpeSampler"/> places its start-up trials, before it has enough history to model.</summary>
public enum StartupDesign
{
    /// <summary>Independent uniform draws (Optuna's start-up).</summary>
    Uniform,

    /// <summary>Best of 20 uniform draws: the one farthest from every trial sampled so far (Mitchell's best candidate).</summary>
    Spread,

    /// <summary>
    /// A Kronecker (R_d) lattice shifted by trial 0's uniform draw: trial k takes <c>frac(u₀ + k α)</c>, a
    /// low-discrepancy sequence computed from the history alone.
    /// </summary>
    Lattice,
}
