namespace Vigil.Detectors.IsolationForest;

/// <summary>
/// One node of a flattened isolation tree. A split sends a window left when its value at position
/// <see cref="Feature"/> is at most <see cref="Value"/> (the threshold), to <see cref="Left"/>, else to
/// <see cref="Left"/> + 1: children are stored side by side. A leaf has <see cref="Feature"/> = −1 and
/// <see cref="Value"/> = the path length it contributes, its depth plus c(points left in it) (computed as
/// scikit-learn does, (depth + 1 + c) − 1, in models fitted since state version 2).
/// </summary>
internal readonly record struct IsolationNode(double Value, int Feature, int Left)
{
    public bool IsLeaf => Feature < 0;
}
