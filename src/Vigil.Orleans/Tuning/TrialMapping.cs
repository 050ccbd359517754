using Vigil.Orleans.Contracts.Tuning;
using Vigil.Tuning;

namespace Vigil.Orleans.Tuning;

/// <summary>Trial records to and from their DTOs.</summary>
internal static class TrialMapping
{
    public static TrialDto ToDto(TrialRecord t) =>
        new(t.Number, t.State.ToString(), new Dictionary<string, double>(t.Parameters, StringComparer.Ordinal), t.Value, [.. t.Intermediates], t.Started, t.Finished, t.Heartbeat, t.Worker, t.Message);

    public static TrialRecord FromDto(TrialDto t) =>
        new(t.Number, Enum.Parse<TrialState>(t.State), new Dictionary<string, double>(t.Parameters, StringComparer.Ordinal), t.Value, t.Intermediates, t.Started, t.Finished, t.Heartbeat, t.Worker, t.Message);

    public static StudySpecDto ToSpec(StudyRecord study, string spaceJson, int maxTrials) =>
        new(study.Name, study.Detector, study.Metric, study.Direction.ToString(), spaceJson, study.Sampler, study.Pruner, study.Seed, study.SyncWindow, study.Data, maxTrials);

    public static StudyRecord ToRecord(StudySpecDto spec, DateTimeOffset created) =>
        new(spec.Name, spec.Detector, spec.Metric, Enum.Parse<StudyDirection>(spec.Direction), Vigil.Tuning.Space.SearchSpaceJson.Read(spec.SpaceJson).Describe(),
            spec.Sampler, spec.Pruner, spec.Seed, spec.SyncWindow, spec.Data, created);
}
