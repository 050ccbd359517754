using Orleans;

namespace Vigil.Orleans.Contracts.Tuning;

/// <summary>The study grain's answer to an intermediate value.</summary>
[GenerateSerializer]
public enum TrialDecision
{
    /// <summary>Go on.</summary>
    Continue,

    /// <summary>The pruner stops the trial.</summary>
    Prune,

    /// <summary>The lease was lost (the trial was handed out again, or has ended): stop without telling.</summary>
    LeaseLost,
}
