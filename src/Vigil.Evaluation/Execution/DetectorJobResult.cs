namespace Vigil.Evaluation.Execution;

/// <summary>What one <see cref="DetectorJob"/> gave.</summary>
/// <param name="Id">The job's id.</param>
/// <param name="Scores">One score in [0, 1] per row, rounded as the job asked.</param>
/// <param name="Elapsed">Time the job function ran (excludes queueing and transport).</param>
/// <param name="Worker">Where it ran: <c>local</c>, or the silo's address.</param>
public sealed record DetectorJobResult(string Id, double[] Scores, TimeSpan Elapsed, string Worker);
