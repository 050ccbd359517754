namespace Vigil.Tuning;

/// <summary>What defines a study; stored once, and checked by every process that joins it.</summary>
/// <param name="Name">Unique name.</param>
/// <param name="Detector">Registry name of the tuned detector.</param>
/// <param name="Metric">Objective metric name (e.g. <c>nab.standard</c>).</param>
/// <param name="Direction">Minimise or maximise.</param>
/// <param name="Space">The search space (<see cref="Space.SearchSpace.Describe"/>).</param>
/// <param name="Sampler">Sampler name, e.g. <c>tpe</c>.</param>
/// <param name="Pruner">Pruner name, e.g. <c>median</c>.</param>
/// <param name="Seed">Study seed; trial <c>k</c>'s sampler is seeded from (seed, k).</param>
/// <param name="SyncWindow">W: trial <c>k</c> is sampled from the finished trials numbered below <c>k − W</c> and treats
/// trials <c>k − W .. k − 1</c> as pending. Fixed per study, so 1 or N workers sample the same trials.</param>
/// <param name="Data">What the study tunes on and holds out, in words (files, folds, gap).</param>
/// <param name="Created">Creation time.</param>
public sealed record StudyRecord(
    string Name,
    string Detector,
    string Metric,
    StudyDirection Direction,
    string Space,
    string Sampler,
    string Pruner,
    int Seed,
    int SyncWindow,
    string Data,
    DateTimeOffset Created);
