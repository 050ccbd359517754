namespace Vigil.Tuning.Splits;

/// <summary>One fold of a series: train on rows <c>[0, TrainEnd)</c>, validate on rows <c>[TestStart, TestEnd)</c>.</summary>
/// <param name="TrainEnd">Rows before this index may be trained on.</param>
/// <param name="TestStart">First validation row (≥ <paramref name="TrainEnd"/>; the difference is the gap).</param>
/// <param name="TestEnd">One past the last validation row.</param>
public readonly record struct SplitFold(int TrainEnd, int TestStart, int TestEnd);
