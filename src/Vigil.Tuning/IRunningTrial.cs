using System.Text.Json.Nodes;

namespace Vigil.Tuning;

/// <summary>
/// What an objective needs of the trial it runs: the parameters as detector options, a way to report intermediate
/// values, and the pruner's decision. A local <see cref="Trial"/> is one; a trial leased from a study that lives
/// elsewhere (a study grain on a cluster) is another, so one objective serves both.
/// </summary>
public interface IRunningTrial
{
    /// <summary>The trial's number.</summary>
    int Number { get; }

    /// <summary>The parameters as detector options (JSON object of option key to value).</summary>
    JsonObject Options { get; }

    /// <summary>Records the intermediate value of the next step (0, 1, ...).</summary>
    void Report(double value);

    /// <summary>Whether the study's pruner stops this trial after its last report.</summary>
    bool ShouldPrune();
}
