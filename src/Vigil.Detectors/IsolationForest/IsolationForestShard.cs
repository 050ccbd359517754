namespace Vigil.Detectors.IsolationForest;

/// <summary>
/// Trees [<see cref="FirstTree"/>, <see cref="EndTree"/>) of an isolation forest, fitted on their own (on another
/// machine, say) by <see cref="IsolationForestDetector.FitShard"/> and joined into the whole forest by
/// <see cref="IsolationForestDetector.FitFromShards"/>: Dask-ML's pattern for tree ensembles.
/// </summary>
/// <remarks>
/// A tree of scikit-learn's forest depends only on the seed, the data and its index (its seed is the index-th draw
/// of <c>RandomState(seed)</c>), so a shard's trees are exactly the trees of the same indices in a forest fitted in
/// one piece, and the joined forest scores bit for bit as that forest. Immutable; thread-safe.
/// </remarks>
public sealed class IsolationForestShard
{
    private const int Magic = 0x53464949; // "IIFS"

    internal IsolationForestShard(int firstTree, int endTree, IsolationForestModel model)
    {
        FirstTree = firstTree;
        EndTree = endTree;
        Model = model;
    }

    /// <summary>Index of the shard's first tree in the forest.</summary>
    public int FirstTree { get; }

    /// <summary>One past the index of the shard's last tree.</summary>
    public int EndTree { get; }

    /// <summary>Trees in the shard (0 when the training series had no full window).</summary>
    public int TreeCount => Model.TreeCount;

    internal IsolationForestModel Model { get; }

    /// <summary>The shard as bytes (little-endian), for sending it to the process that joins the forest.</summary>
    public byte[] ToBytes()
    {
        using var stream = new MemoryStream();
        using (var writer = new BinaryWriter(stream))
        {
            writer.Write(Magic);
            writer.Write(Model.Version);
            writer.Write(FirstTree);
            writer.Write(EndTree);
            Model.Write(writer);
        }

        return stream.ToArray();
    }

    /// <summary>Reads a shard written by <see cref="ToBytes"/>.</summary>
    /// <exception cref="InvalidDataException">The bytes are not a shard, or a shard of a layout this version does not read.</exception>
    public static IsolationForestShard FromBytes(byte[] bytes)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        try
        {
            using var reader = new BinaryReader(new MemoryStream(bytes, writable: false));
            if (reader.ReadInt32() != Magic)
            {
                throw new InvalidDataException("Not an isolation forest shard.");
            }

            int version = reader.ReadInt32();
            if (version != IsolationForestModel.CurrentVersion)
            {
                throw new InvalidDataException($"Isolation forest shard layout {version} is not the one this version of Vigil fits ({IsolationForestModel.CurrentVersion}).");
            }

            int first = reader.ReadInt32();
            int end = reader.ReadInt32();
            return new IsolationForestShard(first, end, IsolationForestModel.Read(reader, version));
        }
        catch (EndOfStreamException)
        {
            throw new InvalidDataException("Isolation forest shard is truncated.");
        }
    }
}
