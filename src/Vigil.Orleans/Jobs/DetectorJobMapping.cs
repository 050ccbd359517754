using Vigil.Evaluation.Execution;
using Vigil.Orleans.Contracts.Jobs;

namespace Vigil.Orleans.Jobs;

/// <summary>Maps detector jobs and their results to and from the DTOs that cross silo boundaries.</summary>
internal static class DetectorJobMapping
{
    public static DetectorJobDto ToDto(DetectorJob job) => new(
        job.Id, job.Detector, job.OptionsJson, job.Series.Id, job.Series.Timestamps.ToArray(), job.Series.Values.ToArray(), job.TrainLength, job.ScoreDigits);

    public static DetectorJob FromDto(DetectorJobDto dto) => new(
        dto.Id, dto.Detector, dto.OptionsJson, new TimeSeries(dto.SeriesId, dto.Timestamps, dto.Values), dto.TrainLength, dto.ScoreDigits);

    public static DetectorJobResultDto ToDto(DetectorJobResult result) => new(result.Id, result.Scores, result.Elapsed, result.Worker);

    public static DetectorJobResult FromDto(DetectorJobResultDto dto) => new(dto.Id, dto.Scores, dto.Elapsed, dto.Silo);
}
