using Vigil.Detection;
using Vigil.Detectors;
using Vigil.Detectors.Onnx;
using Vigil.Detectors.Torch;

namespace Vigil.Cli.Tests;

/// <summary>Every detector the tool registers (built-in, Torch, ONNX) can be saved and restored by the model store.</summary>
public sealed class RegistryPersistenceTests
{
    private static readonly DetectorRegistry Registry = new DetectorRegistry().AddBuiltInDetectors().AddTorchDetectors().AddOnnxDetectors();

    public static TheoryData<string> RegisteredNames() => new(Registry.All.Select(d => d.Name));

    [Theory]
    [MemberData(nameof(RegisteredNames))]
    public void EveryRegisteredDetectorHasARestoreAndAStateVersion(string name)
    {
        var descriptor = Registry.Get(name);
        Assert.True(descriptor.Restore is not null, $"'{name}' has no Restore: implement IPersistable and give its descriptor a Restore (docs/model-format.md).");
        Assert.True(descriptor.StateVersion >= 1, $"'{name}' has state version {descriptor.StateVersion}.");
    }
}
