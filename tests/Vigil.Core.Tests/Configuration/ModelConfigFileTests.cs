using System.Text.Json.Nodes;
using Vigil.Configuration;
using Vigil.Detectors;

namespace Vigil.Core.Tests.Configuration;

public sealed class ModelConfigFileTests : IDisposable
{
    private readonly string _path = Path.Combine(Path.GetTempPath(), $"vigil-config-{Guid.NewGuid():N}", "model_config.yaml");

    public void Dispose()
    {
        if (Directory.Exists(Path.GetDirectoryName(_path)))
        {
            Directory.Delete(Path.GetDirectoryName(_path)!, recursive: true);
        }
    }

    private const string Original = """
        # top comment, kept
        htm:
          # inside htm, replaced when htm is rewritten
          parameters:
            activationThreshold: 12   # trailing comment
          provenance:
            source: "hand-picked"

        # comment above windowed-gaussian, kept
        windowed-gaussian:
          parameters:
            windowSize: 500
          provenance:
            source: 'defaults'
        """;

    private static readonly KeyValuePair<string, string>[] Provenance = [new("study", "s1"), new("metric", "nab.standard"), new("value", "71.5"), new("date", "2026-12-04T16:00:00Z")];

    [Fact]
    public void RewritingOneSectionKeepsCommentsAndOtherSections()
    {
        Directory.CreateDirectory(Path.GetDirectoryName(_path)!);
        File.WriteAllText(_path, Original.Replace("\r", "") + "\n");
        ModelConfigFile.WriteSection(_path, "htm", new JsonObject { ["activationThreshold"] = 16, ["initialPermanence"] = 0.25 }, Provenance);
        string text = File.ReadAllText(_path);
        Assert.StartsWith("# top comment, kept\nhtm:\n  parameters:\n    activationThreshold: 16\n    initialPermanence: 0.25\n  provenance:\n    study: \"s1\"\n", text);
        Assert.Contains("    value: 71.5\n", text);
        Assert.EndsWith("\n# comment above windowed-gaussian, kept\nwindowed-gaussian:\n  parameters:\n    windowSize: 500\n  provenance:\n    source: 'defaults'\n", text);
        Assert.DoesNotContain("hand-picked", text);

        var file = ModelConfigFile.Load(_path);
        Assert.Equal(["htm", "windowed-gaussian"], file.Sections.Select(s => s.Detector));
        var options = file.OptionsFor(new Vigil.Detection.DetectorRegistry().AddBuiltInDetectors().Get("htm"))!;
        Assert.Equal(16, (long)options["activationThreshold"]!);
        Assert.Equal(0.25, (double)options["initialPermanence"]!);
    }

    [Fact]
    public void ANewSectionIsAppendedAndTheRestIsUntouched()
    {
        Directory.CreateDirectory(Path.GetDirectoryName(_path)!);
        string original = Original.Replace("\r", "") + "\n";
        File.WriteAllText(_path, original);
        ModelConfigFile.WriteSection(_path, "lstm-autoencoder", new JsonObject { ["hiddenUnits"] = 64, ["dropout"] = 0.1 }, Provenance);
        string text = File.ReadAllText(_path);
        Assert.StartsWith(original, text);
        Assert.Contains("lstm-autoencoder:\n  parameters:\n    hiddenUnits: 64\n    dropout: 0.1\n", text);
        Assert.Equal(3, ModelConfigFile.Load(_path).Sections.Count);
    }

    [Fact]
    public void AnUnknownKeyNamesFileLineAndClosestKey()
    {
        var file = ModelConfigFile.Parse("cfg.yaml", "# c\nhtm:\n  parameters:\n    activationTreshold: 12\n");
        var e = Assert.Throws<ModelConfigException>(() => file.OptionsFor(new Vigil.Detection.DetectorRegistry().AddBuiltInDetectors().Get("htm")));
        Assert.StartsWith("cfg.yaml:4:", e.Message);
        Assert.Contains("closest: 'activationThreshold'", e.Message);
    }

    [Theory]
    [InlineData("htm:\n  paramters:\n", "cfg.yaml:2:", "closest: 'parameters'")]
    [InlineData("htm:\n  parameters:\n      x: 1\n", "cfg.yaml:3:", "indentation")]
    [InlineData("htm:\n  parameters:\n\tx: 1\n", "cfg.yaml:3:", "tabs")]
    [InlineData("htm:\nhtm:\n", "cfg.yaml:2:", "twice")]
    public void MalformedFilesNameTheLine(string text, string where, string what)
    {
        var e = Assert.Throws<ModelConfigException>(() => ModelConfigFile.Parse("cfg.yaml", text));
        Assert.StartsWith(where, e.Message);
        Assert.Contains(what, e.Message);
    }

    [Fact]
    public void AFileThatDoesNotParseIsNotRewritten()
    {
        Directory.CreateDirectory(Path.GetDirectoryName(_path)!);
        File.WriteAllText(_path, "htm:\n  bogus:\n");
        Assert.Throws<ModelConfigException>(() => ModelConfigFile.WriteSection(_path, "htm", new JsonObject(), Provenance));
        Assert.Equal("htm:\n  bogus:\n", File.ReadAllText(_path));
    }

    [Fact]
    public void TheShippedConfigHasASectionForEveryRegisteredDetector()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Vigil.slnx")))
        {
            dir = dir.Parent;
        }

        Assert.NotNull(dir);
        var file = ModelConfigFile.Load(Path.Combine(dir!.FullName, "configs", "model_config.yaml"));
        var registry = new Vigil.Detection.DetectorRegistry().AddBuiltInDetectors();
        foreach (var d in registry.All)
        {
            Assert.NotNull(file.Find(d.Name));
            Assert.NotNull(file.OptionsFor(d));   // every key known
        }
    }
}
