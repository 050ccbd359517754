namespace Vigil.Persistence;

/// <summary>
/// A detector (or runner) whose whole state can be written as explicit little-endian fields and read back by its
/// descriptor's <see cref="Detection.DetectorDescriptor.Restore"/>, so that the restored instance continues bit for
/// bit as the original would have.
/// </summary>
/// <remarks>No type names and no reflection-driven serializers: the layout is the implementer's, versioned by
/// <see cref="Detection.DetectorDescriptor.StateVersion"/>.</remarks>
public interface IPersistable
{
    /// <summary>Writes the state (everything a restore needs beyond the options).</summary>
    void WriteState(BinaryWriter writer);
}
