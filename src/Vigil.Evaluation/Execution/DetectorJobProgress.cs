namespace Vigil.Evaluation.Execution;

/// <summary>Rows a running job has scored so far (executors that can see inside a job report it; others report nothing until the result).</summary>
/// <param name="Id">The job's id.</param>
/// <param name="RowsDone">Rows scored so far by this job.</param>
public readonly record struct DetectorJobProgress(string Id, int RowsDone);
