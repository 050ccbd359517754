namespace Vigil.Detectors.ContextOse;

/// <summary>
/// A candidate context: a left and a right fact tuple (sorted, distinct), with their Python 2 tuple hashes.
/// Equal when both tuples are equal, as Python's tuples of tuples are.
/// </summary>
internal readonly struct FactPair : IEquatable<FactPair>
{
    public FactPair(long[] left, long[] right)
    {
        Left = left;
        Right = right;
        LeftHash = Python2Hash.OfTuple(left);
        RightHash = Python2Hash.OfTuple(right);
    }

    public long[] Left { get; }

    public long[] Right { get; }

    public long LeftHash { get; }

    public long RightHash { get; }

    public bool Equals(FactPair other) =>
        LeftHash == other.LeftHash && RightHash == other.RightHash
        && Left.AsSpan().SequenceEqual(other.Left) && Right.AsSpan().SequenceEqual(other.Right);

    public override bool Equals(object? obj) => obj is FactPair other && Equals(other);

    public override int GetHashCode() => HashCode.Combine(LeftHash, RightHash);
}
