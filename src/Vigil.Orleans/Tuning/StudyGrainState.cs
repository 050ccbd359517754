using Orleans;
using Vigil.Orleans.Contracts.Tuning;

namespace Vigil.Orleans.Tuning;

/// <summary>The study grain's persisted state: the study's settings, every trial and the leases of running ones.</summary>
[GenerateSerializer]
public sealed class StudyGrainState
{
    /// <summary>The study's settings and budget; null until opened.</summary>
    [Id(0)]
    public StudySpecDto? Spec { get; set; }

    /// <summary>When the study was created.</summary>
    [Id(1)]
    public DateTimeOffset Created { get; set; }

    /// <summary>Every trial, by number.</summary>
    [Id(2)]
    public List<TrialDto> Trials { get; set; } = [];

    /// <summary>The lease of each handed-out running trial, by trial number.</summary>
    [Id(3)]
    public Dictionary<int, TrialLease> Leases { get; set; } = [];

    /// <summary>Trials handed out again after their worker's silo died or their lease ran out.</summary>
    [Id(4)]
    public int Reissued { get; set; }
}
