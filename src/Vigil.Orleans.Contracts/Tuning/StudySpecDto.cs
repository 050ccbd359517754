using Orleans;

namespace Vigil.Orleans.Contracts.Tuning;

/// <summary>What defines a study on the cluster, as the client sends it to the study grain.</summary>
/// <remarks>DTO records only ever gain parameters at the end: field ids follow parameter order.</remarks>
/// <param name="Name">Study name (the grain's key).</param>
/// <param name="Detector">Registry name of the tuned detector.</param>
/// <param name="Metric">Objective metric name.</param>
/// <param name="Direction"><c>Minimize</c> or <c>Maximize</c>.</param>
/// <param name="SpaceJson">The search space in its JSON form.</param>
/// <param name="Sampler">Sampler name.</param>
/// <param name="Pruner">Pruner name.</param>
/// <param name="Seed">Study seed.</param>
/// <param name="SyncWindow">W of the determinism rule.</param>
/// <param name="Data">What the study tunes on, in words.</param>
/// <param name="MaxTrials">Complete or pruned trials the study should hold.</param>
[GenerateSerializer, Immutable]
public sealed record StudySpecDto(
    [property: Id(0)] string Name,
    [property: Id(1)] string Detector,
    [property: Id(2)] string Metric,
    [property: Id(3)] string Direction,
    [property: Id(4)] string SpaceJson,
    [property: Id(5)] string Sampler,
    [property: Id(6)] string Pruner,
    [property: Id(7)] int Seed,
    [property: Id(8)] int SyncWindow,
    [property: Id(9)] string Data,
    [property: Id(10)] int MaxTrials);
