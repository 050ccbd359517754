namespace Vigil.Detectors.Htm;

/// <summary>Which historical NuPIC build the HTM pipeline reproduces (docs htm.md §0, §11).</summary>
public enum HtmVariant
{
    /// <summary>NuPIC 0.5.6 / nupic.core 0.4.10: one-sided likelihood tail, SP test p ≥ 0.2, stale-index adaptSegment. Produced NAB's shipped results.</summary>
    R0 = 0,

    /// <summary>NuPIC 1.0.5 / nupic.core 1.0.6: two-sided likelihood tail, SP epsilon, regenerated adaptSegment lists.</summary>
    R1 = 1,
}
