namespace Vigil.Experiments.Tracking.Mlflow;

/// <summary>What the server says about a run it created.</summary>
/// <param name="RunId">The server's run id.</param>
/// <param name="ExperimentId">The experiment's id.</param>
/// <param name="ArtifactUri">Where its artifacts go, e.g. <c>mlflow-artifacts:/1/&lt;run-id&gt;/artifacts</c>.</param>
public sealed record MlflowRunInfo(string RunId, string ExperimentId, string ArtifactUri);
