using System.Reflection;
using Vigil.Detection;
using Vigil.Detectors.Onnx;
using Vigil.Testing;

namespace Vigil.Detectors.Torch.Tests;

/// <summary>
/// Every detector of the TorchSharp and ONNX registries has a conformance class here and a doc page (architecture.md
/// §5, §6.1); the built-in registry is covered by Vigil.Detectors.Tests' RegistryCoverageTests.
/// </summary>
public sealed class TorchRegistryCoverageTests
{
    private static readonly DetectorRegistry Registry = new DetectorRegistry().AddTorchDetectors().AddOnnxDetectors();

    public static TheoryData<string> RegisteredNames() => new(Registry.All.Select(d => d.Name));

    [Fact]
    public void BothRegistriesAreCovered() => Assert.Equal(["lstm-autoencoder", "lstm-autoencoder-onnx"], Registry.All.Select(d => d.Name).Order(StringComparer.Ordinal));

    [Theory]
    [MemberData(nameof(RegisteredNames))]
    public void EveryRegisteredDetectorHasAConformanceClass(string name)
    {
        var covered = typeof(TorchRegistryCoverageTests).Assembly.GetTypes()
            .Where(t => !t.IsAbstract && t.IsPublic && IsConformance(t))
            .Select(t => (DetectorDescriptor)t.GetProperty("Descriptor", BindingFlags.Instance | BindingFlags.NonPublic)!.GetValue(Activator.CreateInstance(t))!)
            .Select(d => d.Name);
        Assert.Contains(name, covered);
    }

    [Theory]
    [MemberData(nameof(RegisteredNames))]
    public void EveryRegisteredDetectorHasADocPage(string name)
    {
        string? repo = NabTestCorpus.RepositoryRoot();
        Assert.NotNull(repo);
        string page = Path.Combine(repo, "docs", "detectors", name + ".md");
        Assert.True(File.Exists(page), $"missing {page}");
        string text = File.ReadAllText(page);
        foreach (var property in Vigil.Validation.OptionProperty.Of(Registry.Get(name).OptionsType).Where(p => p.Key != "seed"))
        {
            Assert.True(text.Contains($"`{property.Key}`", StringComparison.Ordinal), $"{page} does not document option '{property.Key}'.");
        }
    }

    private static bool IsConformance(Type type)
    {
        for (var t = type.BaseType; t is not null; t = t.BaseType)
        {
            if (t.IsGenericType && t.GetGenericTypeDefinition() == typeof(DetectorConformance<>))
            {
                return true;
            }
        }

        return false;
    }
}
