namespace Vigil.Detection;

/// <summary>
/// What every registered detector does the same way: it validates its options against its registry entry when it
/// is created, and answers <see cref="IAnomalyDetector.Descriptor"/> and <see cref="IAnomalyDetector.Options"/>.
/// Derived detectors pass their static registry entry, so a detector built directly (not through the registry) is
/// validated exactly as one the registry builds.
/// </summary>
/// <typeparam name="TOptions">The detector's options record.</typeparam>
public abstract class DetectorBase<TOptions> : IAnomalyDetector
    where TOptions : DetectorOptions
{
    private readonly DetectorDescriptor _descriptor;

    /// <summary>Validates <paramref name="options"/> under <paramref name="descriptor"/>'s name and keeps both.</summary>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="Vigil.Validation.OptionsValidationException">The options are invalid.</exception>
    protected DetectorBase(TOptions options, DetectorDescriptor descriptor)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(descriptor);
        options.EnsureValid(descriptor.Name);
        Options = options;
        _descriptor = descriptor;
    }

    /// <summary>The validated options the detector runs with.</summary>
    public TOptions Options { get; }

    DetectorDescriptor IAnomalyDetector.Descriptor => _descriptor;

    DetectorOptions IAnomalyDetector.Options => Options;
}
