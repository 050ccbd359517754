namespace Vigil.Evaluation.Nab;

/// <summary>The NAB score of one file at one threshold, with row counts over scored rows (nab-scoring.md §7).</summary>
/// <param name="File">Data-file path relative to <c>data/</c>.</param>
/// <param name="Threshold">The threshold applied (a row is a detection when its score is ≥ it).</param>
/// <param name="Score">The file's raw NAB score.</param>
/// <param name="TruePositives">Detected scored rows inside windows.</param>
/// <param name="TrueNegatives">Undetected scored rows outside windows.</param>
/// <param name="FalsePositives">Detected scored rows outside windows.</param>
/// <param name="FalseNegatives">Undetected scored rows inside windows.</param>
/// <param name="TotalCount">Scored rows, <c>n - p</c> (the sum of the four counts).</param>
public sealed record NabFileScore(string File, double Threshold, double Score, int TruePositives, int TrueNegatives, int FalsePositives, int FalseNegatives, int TotalCount);
