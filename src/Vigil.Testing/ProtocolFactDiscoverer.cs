using System.ComponentModel;
using System.Reflection;
using Vigil.Detection;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace Vigil.Testing;

/// <summary>
/// Discovers <see cref="ProtocolFactAttribute"/> facts: a normal test case when the kit class's detector type
/// implements the protocol, a skipped one with the reason otherwise.
/// </summary>
public sealed class ProtocolFactDiscoverer(IMessageSink diagnosticMessageSink) : IXunitTestCaseDiscoverer
{
    /// <inheritdoc />
    public IEnumerable<IXunitTestCase> Discover(ITestFrameworkDiscoveryOptions discoveryOptions, ITestMethod testMethod, IAttributeInfo factAttribute)
    {
        ArgumentNullException.ThrowIfNull(testMethod);
        ArgumentNullException.ThrowIfNull(factAttribute);
        var kitClass = testMethod.TestClass.Class.ToRuntimeType();
        string? reason = KnownDefect(kitClass, testMethod.Method.Name) ?? SkipReason(kitClass, factAttribute.GetNamedArgument<DetectorProtocol>(nameof(ProtocolFactAttribute.Protocol)),
            factAttribute.GetNamedArgument<bool>(nameof(ProtocolFactAttribute.RequiresResetToFreshState)),
            factAttribute.GetNamedArgument<bool>(nameof(ProtocolFactAttribute.RequiresUnfittedStart)));
        yield return new ProtocolTestCase(diagnosticMessageSink, discoveryOptions.MethodDisplayOrDefault(), discoveryOptions.MethodDisplayOptionsOrDefault(), testMethod, reason);
    }

    /// <summary>Why the fact does not apply to <paramref name="kitClass"/>'s detector, or null when it does.</summary>
    internal static string? SkipReason(Type? kitClass, DetectorProtocol protocol, bool requiresReset, bool requiresUnfitted = false)
    {
        var detector = DetectorTypeOf(kitClass);
        if (detector is null)
        {
            return null;
        }

        var needed = protocol == DetectorProtocol.Streaming ? typeof(IStreamingDetector) : typeof(IBatchDetector);
        if (protocol != DetectorProtocol.Any && !needed.IsAssignableFrom(detector))
        {
            return $"{detector.Name} is not a {protocol.ToString().ToLowerInvariant()} detector; this fact is about {needed.Name}.";
        }

        if (requiresUnfitted && KitFlag(kitClass!, "StartsFitted"))
        {
            return $"{kitClass!.Name} declares that {detector.Name} starts fitted (a pre-trained model), so there is no unfitted state to check.";
        }

        if (requiresReset && !KitFlag(kitClass!, "ResetRestoresFreshState"))
        {
            return $"{kitClass!.Name} declares that Reset keeps what {detector.Name} learned (ResetRestoresFreshState is false).";
        }

        return null;
    }

    private static string? KnownDefect(Type? kitClass, string fact)
    {
        if (kitClass is null || kitClass.IsAbstract || DetectorTypeOf(kitClass) is null)
        {
            return null;
        }

        var property = kitClass.GetProperty("KnownDefects", BindingFlags.Instance | BindingFlags.NonPublic | BindingFlags.Public);
        return property?.GetValue(Activator.CreateInstance(kitClass)) is IReadOnlyDictionary<string, string> defects && defects.TryGetValue(fact, out var why)
            ? "known defect: " + why
            : null;
    }

    private static Type? DetectorTypeOf(Type? kitClass)
    {
        for (var t = kitClass; t is not null; t = t.BaseType)
        {
            if (t.IsGenericType && t.GetGenericTypeDefinition() == typeof(DetectorConformance<>))
            {
                return t.GetGenericArguments()[0];
            }
        }

        return null;
    }

    private static bool KitFlag(Type kitClass, string name)
    {
        var property = kitClass.GetProperty(name, BindingFlags.Instance | BindingFlags.NonPublic | BindingFlags.Public);
        return property?.GetValue(Activator.CreateInstance(kitClass)) is true;
    }

    /// <summary>A fact whose skip reason is decided at discovery (serialised with it).</summary>
    private sealed class ProtocolTestCase : XunitTestCase
    {
        private string? _reason;

        [EditorBrowsable(EditorBrowsableState.Never)]
        [Obsolete("Called by the de-serializer; should only be called by deriving classes for de-serialization purposes")]
        public ProtocolTestCase()
        {
        }

        public ProtocolTestCase(IMessageSink sink, TestMethodDisplay display, TestMethodDisplayOptions options, ITestMethod method, string? reason)
            : base(sink, display, options, method)
        {
            _reason = reason;
        }

        protected override string GetSkipReason(IAttributeInfo factAttribute) => _reason ?? base.GetSkipReason(factAttribute);

        public override void Serialize(IXunitSerializationInfo data)
        {
            base.Serialize(data);
            data.AddValue("ProtocolSkip", _reason);
        }

        public override void Deserialize(IXunitSerializationInfo data)
        {
            _reason = data.GetValue<string>("ProtocolSkip");
            base.Deserialize(data);
        }
    }
}
