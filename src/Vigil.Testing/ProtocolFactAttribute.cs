using Xunit;
using Xunit.Sdk;

namespace Vigil.Testing;

/// <summary>
/// A conformance fact that applies to one detector protocol only. On a kit class whose detector does not implement
/// it, the fact is reported as skipped with the reason (instead of passing without running).
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
[XunitTestCaseDiscoverer("Vigil.Testing.ProtocolFactDiscoverer", "Vigil.Testing")]
public sealed class ProtocolFactAttribute : FactAttribute
{
    /// <summary>A fact for detectors of <paramref name="protocol"/>.</summary>
    public ProtocolFactAttribute(DetectorProtocol protocol) => Protocol = protocol;

    /// <summary>The protocol the fact checks.</summary>
    public DetectorProtocol Protocol { get; }

    /// <summary>Also requires <c>ResetRestoresFreshState</c> of the kit class to be true.</summary>
    public bool RequiresResetToFreshState { get; set; }

    /// <summary>Also requires <c>StartsFitted</c> of the kit class to be false (not a pre-trained model).</summary>
    public bool RequiresUnfittedStart { get; set; }
}
