namespace Vigil.Detectors.Ensemble;

/// <summary>How <see cref="EnsembleDetector"/> combines its members' weighted scores (each clamped to [0, 1]).</summary>
public enum EnsembleRule
{
    /// <summary>The largest weighted score: any member alone can raise an alarm, at its weight's scale.</summary>
    Max,

    /// <summary>1 − Π(1 − wᵢsᵢ): like <see cref="Max"/>, but agreeing members add up.</summary>
    NoisyOr,

    /// <summary>Σ wᵢsᵢ / Σ wᵢ: members must agree to raise an alarm.</summary>
    Mean,
}
