using System.Text.Json;
using Vigil.Validation;

namespace Vigil.Detection;

/// <summary>
/// Detectors by kebab-case name. Registration is explicit (no assembly scanning):
/// <c>new DetectorRegistry().AddBuiltInDetectors()</c>.
/// </summary>
/// <remarks>Populate once, then share: reads are thread-safe, <see cref="Add"/> is not.</remarks>
public sealed class DetectorRegistry
{
    private readonly Dictionary<string, DetectorDescriptor> _byName = new(StringComparer.Ordinal);
    private readonly List<DetectorDescriptor> _all = [];

    /// <summary>Every descriptor, in registration order.</summary>
    public IReadOnlyList<DetectorDescriptor> All => _all;

    /// <summary>Registers a detector. Names must be unique, kebab-case, and options types derive from <see cref="DetectorOptions"/>.</summary>
    public DetectorRegistry Add(DetectorDescriptor descriptor)
    {
        ArgumentNullException.ThrowIfNull(descriptor);
        if (!IsKebabCase(descriptor.Name))
        {
            throw new ArgumentException($"Detector name '{descriptor.Name}' must be kebab-case (lower-case words joined by '-').", nameof(descriptor));
        }

        if (!typeof(DetectorOptions).IsAssignableFrom(descriptor.OptionsType) || descriptor.OptionsType.GetConstructor(Type.EmptyTypes) is null)
        {
            throw new ArgumentException($"Options type {descriptor.OptionsType.Name} of '{descriptor.Name}' must derive from DetectorOptions and have a parameterless constructor.", nameof(descriptor));
        }

        if (!_byName.TryAdd(descriptor.Name, descriptor))
        {
            throw new ArgumentException($"A detector named '{descriptor.Name}' is already registered.", nameof(descriptor));
        }

        _all.Add(descriptor);
        return this;
    }

    /// <summary>Whether <paramref name="name"/> is registered.</summary>
    public bool Contains(string name) => _byName.ContainsKey(name);

    /// <summary>The descriptor registered under <paramref name="name"/>.</summary>
    /// <exception cref="UnknownDetectorException">Not registered; the message lists close matches and all names.</exception>
    public DetectorDescriptor Get(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (_byName.TryGetValue(name, out var descriptor))
        {
            return descriptor;
        }

        var names = _all.Select(d => d.Name).ToArray();
        throw new UnknownDetectorException(name, ClosestNames.To(name, names), names);
    }

    /// <summary>Creates a detector from JSON options (null = defaults), validating them.</summary>
    public IAnomalyDetector Create(string name, JsonElement? options = null)
    {
        var descriptor = Get(name);
        return descriptor.Create(OptionsBinder.Bind(descriptor, options));
    }

    /// <summary>Creates a detector from an options record, validating it.</summary>
    public IAnomalyDetector Create(string name, DetectorOptions options)
    {
        var descriptor = Get(name);
        ArgumentNullException.ThrowIfNull(options);
        if (options.GetType() != descriptor.OptionsType)
        {
            throw new ArgumentException($"Detector '{name}' takes {descriptor.OptionsType.Name}, not {options.GetType().Name}.", nameof(options));
        }

        options.EnsureValid(name);
        return descriptor.Create(options);
    }

    private static bool IsKebabCase(string name) =>
        name.Length > 0 && char.IsAsciiLetterLower(name[0]) && name[^1] != '-' && !name.Contains("--", StringComparison.Ordinal)
        && name.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-');
}
