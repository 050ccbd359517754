using System.Reflection;

namespace Vigil.Core.Tests;

/// <summary>Dependencies point one way, toward the core (architecture.md §2).</summary>
public sealed class ArchitectureTests
{
    // Allowed references per src assembly: Vigil projects and third-party packages (framework assemblies are always allowed).
    private static readonly Dictionary<string, string[]> Allowed = new()
    {
        ["Vigil.Core"] = [],
        ["Vigil.Detectors"] = ["Vigil.Core", "MathNet.Numerics"],
        ["Vigil.Detectors.Torch"] = ["Vigil.Core", "TorchSharp"],
        ["Vigil.Detectors.Onnx"] = ["Vigil.Core", "Microsoft.ML.OnnxRuntime"],
        ["Vigil.Evaluation"] = ["Vigil.Core"],
        ["Vigil.Tuning"] = ["Vigil.Core", "Vigil.Evaluation"],
        ["Vigil.Storage.Sqlite"] = ["Vigil.Core", "Vigil.Tuning", "Vigil.Experiments", "Microsoft.Data.Sqlite"],
        ["Vigil.Testing"] = ["Vigil.Core", "xunit.core", "xunit.assert", "xunit.abstractions", "xunit.execution.dotnet"],
        ["vigil"] = ["Vigil.Core", "Vigil.Detectors", "Vigil.Detectors.Torch", "Vigil.Detectors.Onnx", "Vigil.Evaluation", "Vigil.Tuning", "Vigil.Storage.Sqlite", "System.CommandLine", "Spectre.Console", "Spectre.Console.Ansi", "YamlDotNet"],
    };

    public static TheoryData<string> SourceAssemblies() => new(Allowed.Keys);

    private static Assembly Load(string name) => name switch
    {
        "Vigil.Core" => typeof(TimeSeries).Assembly,
        "Vigil.Detectors" => typeof(Vigil.Detectors.BuiltInDetectors).Assembly,
        "Vigil.Detectors.Torch" => typeof(Vigil.Detectors.Torch.TorchDetectors).Assembly,
        "Vigil.Detectors.Onnx" => typeof(Vigil.Detectors.Onnx.OnnxDetectors).Assembly,
        "Vigil.Evaluation" => typeof(Vigil.Evaluation.Nab.NabCorpus).Assembly,
        "Vigil.Tuning" => typeof(Vigil.Tuning.Study).Assembly,
        "Vigil.Storage.Sqlite" => typeof(Vigil.Storage.Sqlite.Studies.SqliteTrialStore).Assembly,
        "Vigil.Testing" => typeof(Vigil.Testing.SyntheticSeries).Assembly,
        "vigil" => typeof(Vigil.Cli.Program).Assembly,
        _ => throw new ArgumentOutOfRangeException(nameof(name)),
    };

    [Theory]
    [MemberData(nameof(SourceAssemblies))]
    public void SourceAssembliesReferenceOnlyWhatTheArchitectureAllows(string assembly)
    {
        var references = Load(assembly).GetReferencedAssemblies()
            .Select(r => r.Name!)
            .Where(n => !IsFramework(n))
            .ToArray();
        var forbidden = references.Except(Allowed[assembly]).ToArray();
        Assert.True(forbidden.Length == 0, $"{assembly} references {string.Join(", ", forbidden)}, which architecture.md §2 does not allow.");
    }

    [Fact]
    public void NothingReferencesTheCli()
    {
        foreach (var name in Allowed.Keys.Where(n => n != "vigil"))
        {
            Assert.DoesNotContain("vigil", Load(name).GetReferencedAssemblies().Select(r => r.Name));
        }
    }

    private static bool IsFramework(string name) =>
        name.StartsWith("System", StringComparison.Ordinal) || name.StartsWith("Microsoft.", StringComparison.Ordinal)
        || name is "netstandard" or "mscorlib";
}
