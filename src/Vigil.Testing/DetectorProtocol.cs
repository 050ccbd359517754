namespace Vigil.Testing;

/// <summary>The detector protocol a <see cref="ProtocolFactAttribute"/> fact is about.</summary>
public enum DetectorProtocol
{
    /// <summary><see cref="Vigil.Detection.IStreamingDetector"/>: point by point.</summary>
    Streaming,

    /// <summary><see cref="Vigil.Detection.IBatchDetector"/>: fit, then score.</summary>
    Batch,

    /// <summary>Either protocol: the fact applies to every detector (it is skipped only as a known defect).</summary>
    Any,
}
