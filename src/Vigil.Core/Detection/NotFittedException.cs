namespace Vigil.Detection;

/// <summary>Thrown when an unfitted batch detector is asked to score.</summary>
public sealed class NotFittedException : InvalidOperationException
{
    /// <summary>Creates the exception for the named detector.</summary>
    public NotFittedException(string detectorName)
        : base($"Detector '{detectorName}' must be fitted before it can score; call Fit first.")
    {
    }
}
