namespace Vigil.Tuning;

/// <summary>An immutable snapshot of one trial, as stores keep it and samplers and pruners read it.</summary>
/// <param name="Number">0-based number, unique within the study; trial <c>k</c> is the <c>k</c>-th one created.</param>
/// <param name="State">Where the trial stands.</param>
/// <param name="Parameters">Internal parameter values (see <see cref="Space.ParameterDistribution"/>); empty until sampled.</param>
/// <param name="Value">The objective value of a complete trial.</param>
/// <param name="Intermediates">Values reported at steps 0, 1, ... (one per group of files).</param>
/// <param name="Started">When the trial was created.</param>
/// <param name="Finished">When it left <see cref="TrialState.Running"/>.</param>
/// <param name="Heartbeat">Last sign of life of its worker.</param>
/// <param name="Worker">The worker process (<see cref="WorkerIdentity"/>) that runs it.</param>
/// <param name="Message">Why it failed, if it did.</param>
public sealed record TrialRecord(
    int Number,
    TrialState State,
    IReadOnlyDictionary<string, double> Parameters,
    double? Value,
    IReadOnlyList<double> Intermediates,
    DateTimeOffset Started,
    DateTimeOffset? Finished,
    DateTimeOffset Heartbeat,
    string Worker,
    string? Message = null)
{
    /// <summary>Whether the parameters have been sampled.</summary>
    public bool IsSampled => Parameters.Count > 0;

    /// <summary>Whether the trial has left <see cref="TrialState.Running"/>.</summary>
    public bool IsFinished => State != TrialState.Running;
}
