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

    [Fact]
    public void BadValuesNameFileLineAndKeyEveryOne()
    {
        // A value of the wrong type or out of range, including a key inside a calibration object written as a flow
        // mapping, is reported at the line that holds it; all of them at once, in file order.
        var file = ModelConfigFile.Parse("cfg.yaml",
            "sarima:\n  parameters:\n    arOrder: 99\n    calibration: {\"method\": \"likelihood\", \"historicWindow\": -3}\n    trend: sideways\n");
        var e = Assert.Throws<ModelConfigException>(() => file.OptionsFor(new Vigil.Detection.DetectorRegistry().AddBuiltInDetectors().Get("sarima")));
        string[] lines = e.Message.Split(Environment.NewLine);
        Assert.Equal(3, lines.Length);
        Assert.StartsWith("cfg.yaml:3: arOrder: must be in [0, 10], got 99", lines[0], StringComparison.Ordinal);
        Assert.StartsWith("cfg.yaml:4: calibration.historicWindow: must be in [2, 1000000], got -3", lines[1], StringComparison.Ordinal);
        Assert.StartsWith("cfg.yaml:5: trend: expected one of none, constant, linear", lines[2], StringComparison.Ordinal);

        var good = ModelConfigFile.Parse("cfg.yaml", "sarima:\n  parameters:\n    calibration: {\"method\": \"likelihood\", \"historicWindow\": 500}\n");
        var options = good.OptionsFor(new Vigil.Detection.DetectorRegistry().AddBuiltInDetectors().Get("sarima"))!;
        var bound = (Vigil.Detectors.Sarima.SarimaOptions)Vigil.Detection.OptionsBinder.Bind(new Vigil.Detection.DetectorRegistry().AddBuiltInDetectors().Get("sarima"),
            System.Text.Json.JsonSerializer.SerializeToElement(options));
        Assert.Equal(Vigil.Pipeline.CalibrationSpec.Likelihood with { HistoricWindow = 500 }, bound.Calibration);
    }

    [Fact]
    public void AnOverrideReplacesTheFilesValueBeforeValidationAndItsErrorsNameTheKeyAlone()
    {
        var sarima = new Vigil.Detection.DetectorRegistry().AddBuiltInDetectors().Get("sarima");
        var file = ModelConfigFile.Parse("cfg.yaml", "sarima:\n  parameters:\n    arOrder: 99\n    maOrder: 1\n");

        // A bad value in the file that --set replaces is not an error; the override wins whatever the case of its key.
        var options = file.OptionsFor(sarima, new JsonObject { ["arorder"] = 2 })!;
        var bound = (Vigil.Detectors.Sarima.SarimaOptions)Vigil.Detection.OptionsBinder.Bind(sarima, System.Text.Json.JsonSerializer.SerializeToElement(options));
        Assert.Equal(2, bound.ArOrder);
        Assert.Equal(1, bound.MaOrder);

        // Only an override wrong: the binder's error, as without a config file.
        var alone = Assert.Throws<Vigil.Validation.OptionsValidationException>(() => file.OptionsFor(sarima, new JsonObject { ["arOrder"] = 1, ["maOrder"] = -1 }));
        Assert.Equal("maOrder", Assert.Single(alone.Errors).Key);

        // Both: a bad override is reported by its key (it has no line); the file's own bad values keep their lines.
        var e = Assert.Throws<ModelConfigException>(() => file.OptionsFor(sarima, new JsonObject { ["maOrder"] = -1 }));
        string[] lines = e.Message.Split(Environment.NewLine);
        Assert.Equal(2, lines.Length);
        Assert.StartsWith("maOrder: must be in", lines[0], StringComparison.Ordinal);
        Assert.StartsWith("cfg.yaml:3: arOrder: must be in [0, 10], got 99", lines[1], StringComparison.Ordinal);
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
