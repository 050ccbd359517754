using Vigil.Detection;

namespace Vigil.Detectors.Tests.Baselines;

public sealed class BuiltInDetectorsTests
{
    private static readonly string[] BaselineNames = ["null", "random", "windowed-gaussian", "moving-zscore", "htm", "isolation-forest", "sarima", "decomposition", "artime", "context-ose", "ensemble"];

    [Fact]
    public void RegistersTheBuiltInDetectorsInOrder()
    {
        var registry = new DetectorRegistry().AddBuiltInDetectors();
        Assert.Equal(BaselineNames, registry.All.Select(d => d.Name));
    }

    [Fact]
    public void EveryBuiltInCanBeCreatedWithDefaultOptions()
    {
        var registry = new DetectorRegistry().AddBuiltInDetectors();
        foreach (string name in BaselineNames)
        {
            Assert.Same(registry.Get(name), registry.Create(name).Descriptor);
        }
    }

    [Fact]
    public void UnknownNameErrorListsTheRegisteredDetectors()
    {
        var registry = new DetectorRegistry().AddBuiltInDetectors();
        var exception = Assert.Throws<UnknownDetectorException>(() => registry.Get("windowed-gausian"));
        Assert.Contains("windowed-gaussian", exception.Message, StringComparison.Ordinal);
        Assert.All(BaselineNames, name => Assert.Contains(name, exception.Message, StringComparison.Ordinal));
        Assert.Equal(BaselineNames, exception.Registered);
    }
}
