using System.Diagnostics;
using System.Globalization;
using System.IO.Compression;
using System.Text.Json.Nodes;
using Vigil.Testing;

namespace Vigil.Cli.Tests.Commands;

/// <summary>
/// The model store through the CLI: every kind of detector saved mid-run and continued in a fresh process, old model
/// files, damaged files, versions, and training with too few rows.
/// </summary>
public sealed class ModelStoreCommandTests : IDisposable
{
    private const int Rows = 400;
    private const int Split = 250;
    private readonly string _dir = Directory.CreateTempSubdirectory("vigil-model-store-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Models => Path.Combine(_dir, "models");

    private static string GoldenFolder => Path.Combine(NabTestCorpus.RepositoryRoot()!, "tests", "Vigil.Cli.Tests", "Golden", "models");

    public static TheoryData<string, string[]> OneDetectorOfEachKind => new()
    {
        { "windowed-gaussian", ["--set", "windowSize=40", "--set", "stepSize=5"] },                  // streaming, built in
        // The batch detectors run with their default likelihood calibration: its state travels in the manifest.
        { "isolation-forest", ["--set", "trees=20", "--set", "window=8", "--set", "refitEvery=70"] },  // batch, built in, refitting
        { "isolation-forest", ["--set", "trees=20", "--set", "window=8", "--set", "refitEvery=70", "--calibrate", "none"] },  // raw scores
        { "lstm-autoencoder", ["--set", "window=8", "--set", "hiddenUnits=4", "--set", "epochs=1"] },  // Torch
        { "lstm-autoencoder-onnx", [] },                                                                  // ONNX (model exported first)
    };

    [Theory]
    [MemberData(nameof(OneDetectorOfEachKind))]
    public void SavedMidRunAndContinuedInAFreshProcessTheScoresEqualAnUninterruptedRun(string detector, string[] options)
    {
        var lines = Series();
        string full = Write("full.csv", lines);
        string first = Write("first.csv", lines.Take(Split));
        string rest = Write("rest.csv", lines.Skip(Split));
        if (detector == "lstm-autoencoder-onnx")
        {
            options = ["--set", "model=" + ExportedOnnx(full)];
        }

        string[] common = ["detect", "-d", detector, .. options, "--probation", "60"];
        var uninterrupted = new CliRunner(allDetectors: true).Run([.. common, "--input", full, "--out", Out("full")]);
        Assert.True(uninterrupted.ExitCode == 0, uninterrupted.ToString());
        var saved = new CliRunner(allDetectors: true).Run([.. common, "--input", first, "--out", Out("first"), "--save-model", "m", "--models-dir", Models]);
        Assert.True(saved.ExitCode == 0, saved.ToString());

        // The continuation runs in its own process with no flags but the model: probation, options and the
        // runner's buffer come from the file.
        var (code, output) = CliProcess.Run("detect", "--load-model", "m", "--models-dir", Models, "--input", rest, "--out", Out("rest"));
        Assert.True(code == 0, output);

        var expected = Scores(Out("full"));
        var resumed = Scores(Out("first")).Concat(Scores(Out("rest"))).ToArray();
        Assert.Equal(Rows, expected.Length);
        Assert.Equal(expected, resumed);   // round-trip text of each double: equal means bit for bit
        Assert.True(expected.Skip(Split).Distinct().Count() > 10, "the continuation's scores should vary");
    }

    [Fact]
    public void AnHtmModelOfTheFirstArchiveFormatStillContinuesAsItDidWhenWritten()
    {
        // Golden/models/htm-format1/model.vigil was saved by 'detect --save-model' before versions and the format-2
        // manifest existed (models/NAME/model.vigil); rest.scores.csv is what that code wrote continuing it on rest.csv.
        Directory.CreateDirectory(Path.Combine(Models, "h"));
        File.Copy(Path.Combine(GoldenFolder, "htm-format1", "model.vigil"), Path.Combine(Models, "h", "model.vigil"));
        var run = new CliRunner().Run("detect", "--load-model", "h", "--models-dir", Models, "--input", Path.Combine(GoldenFolder, "rest.csv"), "--out", Out("rest"));
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal(File.ReadAllText(Path.Combine(GoldenFolder, "htm-format1", "rest.scores.csv")), File.ReadAllText(Out("rest")));

        var list = new CliRunner().Run("model", "list", "--models-dir", Models, "--json");
        Assert.True(list.ExitCode == 0, list.ToString());
        var entry = Assert.Single(JsonNode.Parse(list.Out)!.AsArray());
        Assert.Equal("h", (string?)entry!["name"]);
        Assert.Equal(0, (int)entry["version"]!);
        Assert.Equal("htm", (string?)entry["detector"]);
    }

    public static TheoryData<string, string> DamagedFiles => new()
    {
        { "truncated", "truncated" },
        { "bit-flipped", "corrupt" },
        { "newer-format", "newer" },
        { "newer-state", "newer" },
        { "other-detector", "random" },
        { "edited-column-count", "options in manifest.json were changed" },
        { "forged-column-count", "does not fit the options" },
        { "unknown-detector", "does not know" },
    };

    [Theory]
    [MemberData(nameof(DamagedFiles))]
    public void ADamagedModelFileIsAClearUsageErrorNeverACrash(string damage, string message)
    {
        string input = Write("first.csv", Series().Take(200));
        var saved = new CliRunner().Run("detect", "-d", "htm", "--set", "columnCount=128", "--set", "numActiveColumns=8", "--set", "cellsPerColumn=4",
            "--input", input, "--out", Out("first"), "--save-model", "m", "--models-dir", Models);
        Assert.True(saved.ExitCode == 0, saved.ToString());
        string path = Path.Combine(Models, "m", "1", "model.vigil");
        byte[] bytes = File.ReadAllBytes(path);
        switch (damage)
        {
            case "truncated":
                File.WriteAllBytes(path, bytes[..(bytes.Length / 2)]);
                break;
            case "bit-flipped":
                bytes[bytes.Length / 2] ^= 0x10;   // inside state.bin's compressed bytes
                File.WriteAllBytes(path, bytes);
                break;
            default:
                EditManifest(path, manifest =>
                {
                    switch (damage)
                    {
                        case "newer-format": manifest["formatVersion"] = 99; break;
                        case "newer-state": manifest["stateVersion"] = 99; break;
                        case "other-detector": manifest["detector"] = "random"; break;
                        case "unknown-detector": manifest["detector"] = "no-such-detector"; break;
                        case "edited-column-count": manifest["options"]!["columnCount"] = 64; break;
                        case "forged-column-count":
                            // Issue 12 item 7: the options edited and their checksum forged to match; the state must still be checked against them.
                            manifest["options"]!["columnCount"] = 64;
                            manifest["integrity"]!["optionsSha256"] = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(manifest["options"]!.ToJsonString())));
                            break;
                    }
                });
                break;
        }

        var run = new CliRunner().Run("detect", "--load-model", "m", "--models-dir", Models, "--input", input, "--out", Out("again"));
        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.Contains(message, run.Error, StringComparison.Ordinal);
        Assert.Contains("model.vigil", run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", run.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(Out("again")));
    }

    [Fact]
    public void TrainingOnFewerRowsThanTheWindowIsAUsageErrorAndWritesNoModel()
    {
        // Issue 12 item 2: this used to fail with "Infinity cannot be written as JSON" and leave a cut-off manifest.json.
        string input = Write("small.csv", Series().Take(40));
        var run = new CliRunner(allDetectors: true).Run("model", "train", "-n", "t", "-d", "lstm-autoencoder", "-i", input, "--train-rows", "10",
            "--set", "epochs=1", "--set", "window=16", "--models-dir", Models);
        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.Contains("needs at least 16 training rows", run.Error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(Models, "t")) && Directory.EnumerateFileSystemEntries(Path.Combine(Models, "t")).Any());
    }

    [Fact]
    public void VersionsAreListedInspectedUsedForScoringAndDeleted()
    {
        string input = Write("series.csv", Series());
        for (int i = 0; i < 2; i++)
        {
            var train = new CliRunner().Run("model", "train", "-n", "iforest", "-d", "isolation-forest", "-i", input, "--train-rows", i == 0 ? "100" : "200",
                "--set", "trees=10", "--set", "window=8", "--models-dir", Models);
            Assert.True(train.ExitCode == 0, train.ToString());
        }

        Assert.True(File.Exists(Path.Combine(Models, "iforest", "1", "model.vigil")));
        Assert.True(File.Exists(Path.Combine(Models, "iforest", "2", "model.vigil")));
        Assert.Empty(Directory.EnumerateDirectories(Path.Combine(Models, "iforest"), ".tmp-*"));

        var latest = new CliRunner().Run("model", "inspect", "iforest", "--models-dir", Models);
        Assert.True(latest.ExitCode == 0, latest.ToString());
        var manifest = JsonNode.Parse(latest.Out)!;
        Assert.Equal(200, (int)manifest["trainingData"]!["rowCount"]!);
        Assert.Equal("isolation-forest", (string?)manifest["detector"]);
        Assert.Equal(10, (int)manifest["options"]!["trees"]!);
        Assert.NotNull((string?)manifest["createdUtc"]);
        Assert.Equal(64, ((string?)manifest["trainingData"]!["sha256"])!.Length);
        double threshold = (double)manifest["threshold"]!["value"]!;
        var first = JsonNode.Parse(new CliRunner().Run("model", "inspect", "iforest@1", "--models-dir", Models).Out)!;
        Assert.Equal(100, (int)first["trainingData"]!["rowCount"]!);

        // Scoring with the saved model applies its saved threshold.
        var scored = new CliRunner().Run("detect", "--model", "iforest", "--models-dir", Models, "--input", input, "--out", Out("scored"));
        Assert.True(scored.ExitCode == 0, scored.ToString());
        var rows = File.ReadAllLines(Out("scored"));
        Assert.Equal("timestamp,value,anomaly_score,alarm", rows[0]);
        Assert.All(rows.Skip(1), r =>
        {
            var f = r.Split(',');
            Assert.Equal(double.Parse(f[2], CultureInfo.InvariantCulture) > threshold ? "1" : "0", f[3]);
        });

        var exported = new CliRunner().Run("model", "export", "iforest@1", "--format", "json", "--models-dir", Models, "--out", Path.Combine(_dir, "m.json"));
        Assert.True(exported.ExitCode == 0, exported.ToString());
        Assert.Equal("isolation-forest", (string?)JsonNode.Parse(File.ReadAllText(Path.Combine(_dir, "m.json")))!["detector"]);
        var noOnnx = new CliRunner().Run("model", "export", "iforest", "--format", "onnx", "--models-dir", Models);
        Assert.Equal(2, noOnnx.ExitCode);

        Assert.Equal(0, new CliRunner().Run("model", "delete", "iforest@1", "--models-dir", Models).ExitCode);
        var list = JsonNode.Parse(new CliRunner().Run("model", "list", "--models-dir", Models, "--json").Out)!.AsArray();
        Assert.Equal(2, (int)Assert.Single(list)!["version"]!);
        Assert.Equal(0, new CliRunner().Run("model", "delete", "iforest", "--models-dir", Models).ExitCode);
        var missing = new CliRunner().Run("detect", "--model", "iforest", "--models-dir", Models, "--input", input, "--out", Out("x"));
        Assert.Equal(2, missing.ExitCode);
        Assert.Contains("No saved model 'iforest'", missing.Error, StringComparison.Ordinal);
        var badVersion = new CliRunner().Run("model", "inspect", "iforest@two", "--models-dir", Models);
        Assert.Equal(2, badVersion.ExitCode);
    }

    [PythonTorchFact]
    public void ALstmExportedAsPtLoadsWithTorchLoadIntoThePeersModuleAndReconstructsAsVigilScores()
    {
        string input = Write("series.csv", Series());
        var train = new CliRunner(allDetectors: true).Run("model", "train", "-n", "lstm", "-d", "lstm-autoencoder", "-i", input,
            "--set", "window=16", "--set", "hiddenUnits=64", "--set", "epochs=1", "--set", "calibration=none", "--set", "scoredPoints=0", "--models-dir", Models);   // raw whole-window reconstruction errors, as PyTorch's
        Assert.True(train.ExitCode == 0, train.ToString());
        string pt = Path.Combine(_dir, "lstm.pt");
        Assert.Equal(0, new CliRunner(allDetectors: true).Run("model", "export", "lstm", "--format", "pt", "--out", pt, "--models-dir", Models).ExitCode);
        var manifest = JsonNode.Parse(new CliRunner().Run("model", "inspect", "lstm", "--models-dir", Models).Out)!;
        Assert.Equal(0, new CliRunner(allDetectors: true).Run("detect", "--model", "lstm", "--models-dir", Models, "--input", input, "--out", Out("lstm")).ExitCode);
        double vigil = double.Parse(Scores(Out("lstm"))[15], CultureInfo.InvariantCulture);   // the first full window ends at row 15

        string peer = Path.Combine(NabTestCorpus.RepositoryRoot()!, "..", "shared", "bench", "peers", "lstm_ae_torch.py");
        Assert.True(File.Exists(peer), $"the peer module is missing: {peer}");
        string values = string.Join(",", Series().Take(16).Select(l => l.Split(',')[1]));
        // Only the peer's class definition is executed (its script imports pandas and reads NAB at module level).
        string script = $$"""
            import ast, torch
            from torch import nn
            tree = ast.parse(open({{Quote(peer)}}).read())
            cls = [n for n in tree.body if isinstance(n, ast.ClassDef) and n.name == "LSTMAutoencoder"][0]
            ns = {"torch": torch, "nn": nn, "HIDDEN": 64}
            exec(compile(ast.Module(body=[cls], type_ignores=[]), "peer", "exec"), ns)
            model = ns["LSTMAutoencoder"](hidden=64)
            model.load_state_dict(torch.load({{Quote(pt)}}), strict=True)
            model.eval()
            mean, scale = {{Number(manifest["normalization"]!["mean"]!)}}, {{Number(manifest["normalization"]!["scale"]!)}}
            x = torch.tensor([[(v - mean) / scale for v in [{{values}}]]], dtype=torch.float32).unsqueeze(-1)
            with torch.no_grad():
                print(repr(float(((model(x) - x) ** 2).mean())))
            """;
        var start = new ProcessStartInfo(PythonTorchFactAttribute.Interpreter!, ["-c", script]) { RedirectStandardOutput = true, RedirectStandardError = true };
        using var process = Process.Start(start)!;
        string stdout = process.StandardOutput.ReadToEnd();
        string stderr = process.StandardError.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, stderr);
        double torch = double.Parse(stdout.Trim(), CultureInfo.InvariantCulture);
        Assert.True(Math.Abs(torch - vigil) <= 1e-5 * Math.Max(1, vigil), $"PyTorch reconstructs with error {torch}, Vigil scored {vigil}.");
    }

    private static string Quote(string s) => "'" + s.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("'", "\\'", StringComparison.Ordinal) + "'";

    private static string Number(JsonNode node) => ((double)node).ToString("R", CultureInfo.InvariantCulture);

    private string ExportedOnnx(string input)
    {
        var train = new CliRunner(allDetectors: true).Run("model", "train", "-n", "for-onnx", "-d", "lstm-autoencoder", "-i", input, "--train-rows", "100",
            "--set", "window=8", "--set", "hiddenUnits=4", "--set", "epochs=1", "--models-dir", Path.Combine(_dir, "onnx-models"));
        Assert.True(train.ExitCode == 0, train.ToString());
        string path = Path.Combine(_dir, "model.onnx");
        var export = new CliRunner(allDetectors: true).Run("model", "export", "for-onnx", "--format", "onnx", "--out", path, "--models-dir", Path.Combine(_dir, "onnx-models"));
        Assert.True(export.ExitCode == 0, export.ToString());
        return path;
    }

    private static void EditManifest(string path, Action<JsonNode> edit)
    {
        using var zip = ZipFile.Open(path, ZipArchiveMode.Update);
        var entry = zip.GetEntry("manifest.json")!;
        JsonNode manifest;
        using (var reader = new StreamReader(entry.Open()))
        {
            manifest = JsonNode.Parse(reader.ReadToEnd())!;
        }

        edit(manifest);
        entry.Delete();
        using var writer = new StreamWriter(zip.CreateEntry("manifest.json").Open());
        writer.Write(manifest.ToJsonString());
    }

    // A daily cycle with noise and a spike (hourly rows).
    private static List<string> Series()
    {
        var random = new Vigil.Randomness.Pcg32(7);
        var start = new DateTime(2024, 3, 1, 0, 0, 0, DateTimeKind.Utc);
        var lines = new List<string>();
        for (int i = 0; i < Rows; i++)
        {
            double value = 50 + (20 * Math.Sin(2 * Math.PI * i / 24)) + (random.NextDouble() * 3) + (i == 330 ? 40 : 0);
            lines.Add(string.Create(CultureInfo.InvariantCulture, $"{start.AddHours(i):yyyy-MM-dd HH:mm:ss},{value:F3}"));
        }

        return lines;
    }

    private string Write(string name, IEnumerable<string> rows)
    {
        string path = Path.Combine(_dir, name);
        File.WriteAllLines(path, rows.Prepend("timestamp,value"));
        return path;
    }

    private string Out(string name) => Path.Combine(_dir, name + "_scores.csv");

    private static string[] Scores(string path) => File.ReadAllLines(path).Skip(1).Select(l => l.Split(',')[2]).ToArray();
}
