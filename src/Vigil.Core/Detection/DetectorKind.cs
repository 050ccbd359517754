namespace Vigil.Detection;

/// <summary>Which protocol a detector implements natively.</summary>
public enum DetectorKind
{
    /// <summary>Online: <see cref="IStreamingDetector"/>.</summary>
    Streaming,

    /// <summary>Fit then score: <see cref="IBatchDetector"/>.</summary>
    Batch,
}
