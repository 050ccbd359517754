using Orleans;

namespace Vigil.Orleans.Contracts.Tuning;

/// <summary>What a trial worker needs besides the trial: the study and the objective's data (as the local objective takes them).</summary>
/// <param name="Study">The study grain's key.</param>
/// <param name="Detector">Registry name.</param>
/// <param name="Metric">Metric name, e.g. <c>nab.standard</c>.</param>
/// <param name="NabRoot">The NAB corpus folder; every silo reads the files from this path (a shared or identical copy).</param>
/// <param name="TuneFiles">The tuning files' corpus paths, in the order the local objective takes them.</param>
/// <param name="Folds">Expanding-window folds per file; 0 = whole files.</param>
/// <param name="Gap">Rows between each fold's training and validation rows.</param>
/// <param name="Groups">File groups per trial (one intermediate value each).</param>
/// <param name="DetectorSeed">The detector's seed (the study seed).</param>
/// <param name="Parallelism">Files scored at once within a trial.</param>
[GenerateSerializer, Immutable]
public sealed record TrialWorkDto(
    [property: Id(0)] string Study,
    [property: Id(1)] string Detector,
    [property: Id(2)] string Metric,
    [property: Id(3)] string NabRoot,
    [property: Id(4)] string[] TuneFiles,
    [property: Id(5)] int Folds,
    [property: Id(6)] int Gap,
    [property: Id(7)] int Groups,
    [property: Id(8)] int DetectorSeed,
    [property: Id(9)] int Parallelism);
