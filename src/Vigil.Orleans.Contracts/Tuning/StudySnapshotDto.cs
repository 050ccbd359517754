using Orleans;

namespace Vigil.Orleans.Contracts.Tuning;

/// <summary>A study's trials as the study grain holds them.</summary>
/// <param name="Trials">Every trial, by number.</param>
/// <param name="Finished">Whether every trial of the budget has ended.</param>
/// <param name="Reissued">Trials handed out again because their worker's silo died or their lease ran out.</param>
[GenerateSerializer, Immutable]
public sealed record StudySnapshotDto(
    [property: Id(0)] TrialDto[] Trials,
    [property: Id(1)] bool Finished,
    [property: Id(2)] int Reissued);
