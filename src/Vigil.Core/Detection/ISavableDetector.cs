namespace Vigil.Detection;

/// <summary>
/// A detector that can write its complete state mid-stream; its descriptor's <see cref="DetectorDescriptor.Restore"/>
/// reads the state back, and the restored detector continues exactly where this one stopped.
/// </summary>
public interface ISavableDetector : IAnomalyDetector
{
    /// <summary>Writes the state (versioned with <see cref="DetectorDescriptor.StateVersion"/>).</summary>
    void WriteState(BinaryWriter writer);
}
