using System.Reflection;

namespace Vigil.Core.Tests;

/// <summary>Dependencies point one way, toward the core (architecture.md §2).</summary>
public sealed class ArchitectureTests
{
    // Allowed references per src assembly: Vigil projects and third-party packages, by exact name. Framework assemblies
    // are allowed only when they ship in the shared framework (Microsoft.NETCore.App) the tests run on: a package whose
    // name merely starts with System or Microsoft (System.CommandLine, Microsoft.ML.OnnxRuntime, Microsoft.Orleans.*) is
    // a package like any other and must be listed here.
    private static readonly Dictionary<string, string[]> Allowed = new()
    {
        ["Vigil.Core"] = [],
        ["Vigil.Detectors"] = ["Vigil.Core", "MathNet.Numerics"],
        ["Vigil.Detectors.Torch"] = ["Vigil.Core", "TorchSharp", "TorchSharp.PyBridge"],
        ["Vigil.Detectors.Onnx"] = ["Vigil.Core", "Microsoft.ML.OnnxRuntime"],
        ["Vigil.Evaluation"] = ["Vigil.Core"],
        ["Vigil.Experiments"] = ["Vigil.Core", "Vigil.Evaluation"],
        ["Vigil.Tuning"] = ["Vigil.Core", "Vigil.Evaluation"],
        // SQLitePCLRaw.core is Microsoft.Data.Sqlite's own native layer: the study store keys its once-per-connection
        // settings by the connection's handle.
        ["Vigil.Storage.Sqlite"] = ["Vigil.Core", "Vigil.Tuning", "Vigil.Experiments", "Microsoft.Data.Sqlite", "SQLitePCLRaw.core"],
        ["Vigil.Reporting"] = ["Vigil.Core", "Vigil.Evaluation"],
        ["Vigil.Plotting"] = ["Vigil.Core", "ScottPlot"],
        ["Vigil.Testing"] = ["Vigil.Core", "xunit.core", "xunit.assert", "xunit.abstractions", "xunit.execution.dotnet"],
        // The CLI hosts silos through Vigil.Orleans (its source uses no Orleans type); the Orleans assemblies are referenced
        // by the serialiser metadata that Orleans' source generator adds to every assembly referencing an Orleans project.
        ["vigil"] = ["Vigil.Core", "Vigil.Detectors", "Vigil.Detectors.Torch", "Vigil.Detectors.Onnx", "Vigil.Evaluation", "Vigil.Tuning", "Vigil.Experiments", "Vigil.Storage.Sqlite", "Vigil.Reporting", "Vigil.Plotting", "Vigil.Orleans",
            "Orleans.Core", "Orleans.Core.Abstractions", "Orleans.Runtime", "Orleans.Serialization", "Orleans.Serialization.Abstractions",
            "System.CommandLine", "Spectre.Console", "Spectre.Console.Ansi", "YamlDotNet"],
    };

    public static TheoryData<string> SourceAssemblies() => new(Allowed.Keys);

    private static Assembly Load(string name) => name switch
    {
        "Vigil.Core" => typeof(TimeSeries).Assembly,
        "Vigil.Detectors" => typeof(Vigil.Detectors.BuiltInDetectors).Assembly,
        "Vigil.Detectors.Torch" => typeof(Vigil.Detectors.Torch.TorchDetectors).Assembly,
        "Vigil.Detectors.Onnx" => typeof(Vigil.Detectors.Onnx.OnnxDetectors).Assembly,
        "Vigil.Evaluation" => typeof(Vigil.Evaluation.Nab.NabCorpus).Assembly,
        "Vigil.Experiments" => typeof(Vigil.Experiments.Tracking.IExperimentTracker).Assembly,
        "Vigil.Tuning" => typeof(Vigil.Tuning.Study).Assembly,
        "Vigil.Storage.Sqlite" => typeof(Vigil.Storage.Sqlite.Tracking.SqliteTracker).Assembly,
        "Vigil.Reporting" => typeof(Vigil.Reporting.ReportBuilder).Assembly,
        "Vigil.Plotting" => typeof(Vigil.Plotting.SeriesPlotter).Assembly,
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

    [Fact]
    public void TheCoreEvaluationAndExperimentsReferenceNoPackages()
    {
        // Package-free by architecture.md §2: the SQLite package stays in Vigil.Storage.Sqlite.
        foreach (string name in new[] { "Vigil.Core", "Vigil.Evaluation", "Vigil.Experiments" })
        {
            Assert.DoesNotContain(Load(name).GetReferencedAssemblies(), r => r.Name!.Contains("Sqlite", StringComparison.OrdinalIgnoreCase));
        }
    }

    [Theory]
    [InlineData("System.CommandLine")]
    [InlineData("Microsoft.ML.OnnxRuntime")]
    [InlineData("Microsoft.Orleans.Core")]
    [InlineData("Spectre.Console")]
    public void PackagesNamedLikeTheFrameworkAreNotTakenForIt(string package) => Assert.False(IsFramework(package));

    [Theory]
    [InlineData("System.Runtime")]
    [InlineData("System.Linq")]
    [InlineData("System.Text.Json")]
    [InlineData("Microsoft.Win32.Primitives")]
    [InlineData("netstandard")]
    public void SharedFrameworkAssembliesAreAllowed(string assembly) => Assert.True(IsFramework(assembly));

    /// <summary>The assemblies of the shared framework the tests run on (every *.dll beside System.Private.CoreLib).</summary>
    private static readonly HashSet<string> SharedFramework = Directory
        .GetFiles(Path.GetDirectoryName(typeof(object).Assembly.Location)!, "*.dll")
        .Select(Path.GetFileNameWithoutExtension)
        .ToHashSet(StringComparer.Ordinal)!;

    private static bool IsFramework(string name) => SharedFramework.Contains(name);
}
