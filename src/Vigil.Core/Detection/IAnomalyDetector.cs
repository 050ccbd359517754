namespace Vigil.Detection;

/// <summary>Any anomaly detector: it has a registry descriptor and validated options.</summary>
public interface IAnomalyDetector
{
    /// <summary>The registry entry this detector was created from.</summary>
    DetectorDescriptor Descriptor { get; }

    /// <summary>The validated options the detector runs with.</summary>
    DetectorOptions Options { get; }
}
