using Vigil.Evaluation.Nab;
using Vigil.Tuning.Objectives;
using Vigil.Tuning.Space;
using Vigil.Tuning.Splits;

namespace Vigil.Tuning;

/// <summary>Everything <see cref="TuningSession"/> needs to run a study.</summary>
/// <param name="Detector">Registry name.</param>
/// <param name="Space">What to tune.</param>
/// <param name="Sampler">Sampler name: <c>grid</c>, <c>random</c>, <c>tpe</c>, <c>tpe-multivariate</c>.</param>
/// <param name="Pruner">Pruner name: <c>none</c>, <c>median</c>, <c>asha</c>.</param>
/// <param name="Trials">Complete or pruned trials the study should hold.</param>
/// <param name="Metric">Objective.</param>
/// <param name="Folds">Time-series folds per file, or null for whole files.</param>
/// <param name="Split">Tuning and held-out files.</param>
/// <param name="Groups">File groups per trial (one intermediate value each, for the pruner).</param>
/// <param name="Workers">Trials at once in this process.</param>
/// <param name="StudyName">Study name.</param>
/// <param name="Seed">Study seed.</param>
/// <param name="SyncWindow">W of the determinism rule (see <see cref="Study"/>).</param>
/// <param name="Timeout">Stop starting trials after this long; null = no limit.</param>
/// <param name="Scratch">Folder for temporary results files.</param>
/// <param name="Corpus">The corpus of the files.</param>
public sealed record TuningRequest(
    string Detector,
    SearchSpace Space,
    string Sampler,
    string Pruner,
    int Trials,
    TuningMetric Metric,
    TimeSeriesSplit? Folds,
    FileSplit Split,
    int Groups,
    int Workers,
    string StudyName,
    int Seed,
    int SyncWindow,
    TimeSpan? Timeout,
    string Scratch,
    NabCorpus Corpus)
{
    /// <summary>The data description stored with the study and in the config provenance.</summary>
    public string DataDescription => Folds is null
        ? $"{Split.Description}; whole files"
        : $"{Split.Description}; {Folds.Splits} expanding-window folds per file after its probationary rows, gap {Folds.Gap}";
}
