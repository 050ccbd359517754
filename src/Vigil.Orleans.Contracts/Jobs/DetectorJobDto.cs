using Orleans;

namespace Vigil.Orleans.Contracts.Jobs;

/// <summary>A detector job as it crosses to a silo: the series travels with it, so silos need no shared files.</summary>
/// <remarks>DTO records only ever gain parameters at the end: field ids follow parameter order.</remarks>
/// <param name="Id">The job's id, unique within its batch.</param>
/// <param name="Detector">Registry name.</param>
/// <param name="OptionsJson">Validated detector options as JSON; null = defaults.</param>
/// <param name="SeriesId">The series' name (its corpus path).</param>
/// <param name="Timestamps">One timestamp per row.</param>
/// <param name="Values">One finite value per row.</param>
/// <param name="TrainLength">Rows a batch detector trains on first.</param>
/// <param name="ScoreDigits">Significant digits of the scores; 0 = full precision.</param>
[GenerateSerializer, Immutable]
public sealed record DetectorJobDto(
    [property: Id(0)] string Id,
    [property: Id(1)] string Detector,
    [property: Id(2)] string? OptionsJson,
    [property: Id(3)] string SeriesId,
    [property: Id(4)] DateTimeOffset[] Timestamps,
    [property: Id(5)] double[] Values,
    [property: Id(6)] int TrainLength,
    [property: Id(7)] int ScoreDigits);
