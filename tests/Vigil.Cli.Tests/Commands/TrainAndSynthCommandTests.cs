using System.Text.Json.Nodes;

namespace Vigil.Cli.Tests.Commands;

/// <summary><c>vigil synth</c> (NAB layout that <c>nab run</c> reads) and <c>vigil train --config</c>.</summary>
public sealed class TrainAndSynthCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("vigil-train-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void ASyntheticCorpusIsReadByNabRunAndScore()
    {
        string corpus = Path.Combine(_dir, "corpus");
        var synth = new CliRunner().Run("synth", "--kind", "spikes,level-shift", "--length", "2000", "--seed", "4", "--out", corpus);
        Assert.True(synth.ExitCode == 0, synth.ToString());
        Assert.True(File.Exists(Path.Combine(corpus, "data", "synthetic", "spikes.csv")));
        var windows = JsonNode.Parse(File.ReadAllText(Path.Combine(corpus, "labels", "combined_windows.json")))!.AsObject();
        Assert.Equal(["synthetic/level-shift.csv", "synthetic/spikes.csv"], windows.Select(kv => kv.Key).Order());

        string results = Path.Combine(_dir, "results");
        var run = new CliRunner().Run("nab", "run", "--nab-root", corpus, "-d", "windowed-gaussian", "--out", results);
        Assert.True(run.ExitCode == 0, run.ToString());
        var score = new CliRunner().Run("nab", "score", "--nab-root", corpus, "-r", results, "--optimize");
        Assert.True(score.ExitCode == 0, score.ToString());
        Assert.Contains("windowed-gaussian", score.Out, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(results, "final_results.json")));

        var again = new CliRunner().Run("synth", "--kind", "spikes", "--length", "2000", "--seed", "4", "--out", Path.Combine(_dir, "again"));
        Assert.Equal(0, again.ExitCode);
        Assert.Equal(File.ReadAllText(Path.Combine(corpus, "data", "synthetic", "spikes.csv")), File.ReadAllText(Path.Combine(_dir, "again", "data", "synthetic", "spikes.csv")));

        var bad = new CliRunner().Run("synth", "--kind", "spikez", "--out", Path.Combine(_dir, "bad"));
        Assert.Equal(2, bad.ExitCode);
        Assert.Contains("level-shift", bad.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void TrainRefusesBadConfigValuesNamingFileLineAndKeyAndSavesNothing()
    {
        string config = Path.Combine(_dir, "model_config.yaml");
        File.WriteAllText(config, "sarima:\n  parameters:\n    arOrder: 99\n    calibration: {\"method\": \"likelihood\", \"historicWindow\": -3}\n");
        string models = Path.Combine(_dir, "models");
        var train = new CliRunner().Run("train", "--config", config, "--detectors", "sarima", "--data", "synth:spikes", "--models-dir", models, "--no-track");
        Assert.Equal(2, train.ExitCode);
        Assert.Contains($"{config}:3: arOrder: must be in [0, 10], got 99.", train.Error, StringComparison.Ordinal);
        Assert.Contains($"{config}:4: calibration.historicWindow: must be in [2, 1000000], got -3.", train.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", train.Error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(models));
    }

    [Fact]
    public void TrainFromConfigSavesEachConfiguredDetectorWithItsOptionsAndF1AndSkipsProvenance()
    {
        string config = Path.Combine(_dir, "model_config.yaml");
        File.WriteAllText(config, """
            # where each value came from is recorded beside it, and ignored by 'vigil train'
            windowed-gaussian:
              parameters:
                windowSize: 200
                stepSize: 20
              provenance:
                source: "defaults"
            isolation-forest:
              parameters:
                trees: 25
                window: 16
              provenance:
                study: "if-nab"
                trials: 40
            sarima:
              parameters:
                arOrder: 99
            a-detector-of-a-later-build:
              parameters:
                x: 1
            """);
        string models = Path.Combine(_dir, "models");
        var train = new CliRunner().Run("train", "--config", config, "--detectors", "isolation-forest,windowed-gaussian", "--data", "synth:spikes", "--models-dir", models);
        Assert.True(train.ExitCode == 0, train.ToString());
        foreach (var (name, key, value) in new[] { ("isolation-forest", "trees", 25), ("windowed-gaussian", "windowSize", 200) })
        {
            var manifest = JsonNode.Parse(new CliRunner().Run("model", "inspect", name, "--models-dir", models).Out)!;
            Assert.Equal(value, (int)manifest["options"]![key]!);
            Assert.Equal("synth:spikes", (string?)manifest["trainingData"]!["source"]);
            Assert.InRange((double)manifest["metrics"]!["f1.pointAdjusted"]!, 0.0, 1.0);
            Assert.NotNull(manifest["threshold"]?["value"]);
        }

        var all = new CliRunner().Run("train", "--config", config, "--detectors", "windowed-gaussian", "--data", "synth:noisy,drift", "--models-dir", models);
        Assert.True(all.ExitCode == 0, all.ToString());
        Assert.True(File.Exists(Path.Combine(models, "windowed-gaussian-drift", "1", "model.vigil")));

        // Without --detectors every known section is trained, so sarima's bad value (not asked for above) is reported now.
        var every = new CliRunner().Run("train", "--config", config, "--data", "synth:spikes", "--models-dir", models);
        Assert.Equal(2, every.ExitCode);
        Assert.Contains($"{config}:17: arOrder: must be in [0, 10], got 99.", every.Error, StringComparison.Ordinal);

        File.WriteAllText(config, "isolation-forest:\n  parameters:\n    tres: 25\n");
        var typo = new CliRunner().Run("train", "--config", config, "--data", "synth:spikes", "--models-dir", models);
        Assert.Equal(2, typo.ExitCode);
        Assert.Contains($"{config}:3: 'tres' is not an option of 'isolation-forest'; closest: 'trees'.", typo.Error, StringComparison.Ordinal);

        // The one format of model_config.yaml: options directly under the detector (no parameters: block) are refused at their line.
        File.WriteAllText(config, "isolation-forest:\n  trees: 25\n");
        var layout = new CliRunner().Run("train", "--config", config, "--data", "synth:spikes", "--models-dir", models);
        Assert.Equal(2, layout.ExitCode);
        Assert.Contains($"{config}:2: unknown key 'trees' in section 'isolation-forest'", layout.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", layout.Error, StringComparison.Ordinal);
    }
}
