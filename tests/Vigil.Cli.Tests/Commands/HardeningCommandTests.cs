using System.Globalization;
using System.Text.Json;

namespace Vigil.Cli.Tests.Commands;

/// <summary>Issue 12: outputs that never clobber, errors a person can act on (items 1, 3, 8, 10, 11, 12, 14, 15, 16).</summary>
public sealed class HardeningCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("vigil-harden-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static string Csv(int rows, Func<int, string>? timestamp = null)
    {
        var start = new DateTime(2020, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        timestamp ??= i => start.AddMinutes(5 * i).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
        return "timestamp,value\n" + string.Concat(Enumerable.Range(0, rows).Select(i => $"{timestamp(i)},{Math.Sin(i / 7.0).ToString("R", CultureInfo.InvariantCulture)}\n"));
    }

    private string File(string name, string content)
    {
        string path = Path.Combine(_dir, name);
        System.IO.File.WriteAllText(path, content);
        return path;
    }

    // ---- item 1: -i - and -o -

    [Fact]
    public void DashReadsStandardInputAndWritesStandardOutput()
    {
        var result = new CliRunner().WithStdin(Csv(20)).Run("detect", "-d", "null", "-i", "-", "-o", "-");
        Assert.True(result.ExitCode == 0, result.ToString());
        var lines = result.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("timestamp,value,anomaly_score", lines[0]);
        Assert.Equal(21, lines.Length);
        Assert.Equal("2020-01-01 00:00:00,0,0.5", lines[1]);
        Assert.Contains("standard output", result.Error, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFiles(_dir));
    }

    [Fact]
    public void WindowsReadsStandardInputAndWritesStandardOutput()
    {
        var result = new CliRunner().WithStdin(Csv(40)).Run("windows", "-i", "-", "--window", "8", "--step", "8", "-o", "-");
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(6, result.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);   // header + 5 windows
    }

    [Vigil.Testing.UnixFact]
    public void OutputThroughASymlinkWritesItsTarget()
    {
        string input = File("in.csv", Csv(10));
        string target = File("target.csv", "old");
        string link = Path.Combine(_dir, "link.csv");
        System.IO.File.CreateSymbolicLink(link, target);

        var result = new CliRunner().Run("detect", "-d", "null", "-i", input, "-o", link);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.NotNull(new FileInfo(link).LinkTarget);
        Assert.StartsWith("timestamp,value,anomaly_score", System.IO.File.ReadAllText(target), StringComparison.Ordinal);
    }

    // ---- item 3: output over input

    [Theory]
    [InlineData("detect")]
    [InlineData("windows")]
    public void WritingOverTheInputIsRefusedAndTheInputKept(string command)
    {
        string content = Csv(30);
        string input = File("same.csv", content);
        string alias = Path.Combine(_dir, "alias.csv");
        System.IO.File.CreateSymbolicLink(alias, input);
        string[] args = command == "detect"
            ? ["detect", "-d", "null", "-i", input, "-o", alias]
            : ["windows", "-i", input, "--window", "5", "-o", Path.Combine(_dir, ".", "same.csv")];

        var result = new CliRunner().Run(args);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("is the input file", result.Error, StringComparison.Ordinal);
        Assert.Equal(content, System.IO.File.ReadAllText(input));
    }

    // ---- item 8: windows durations need units

    [Fact]
    public void ABareNumberStepWithATimeWindowIsAnErrorNamingTheUnits()
    {
        string input = File("in.csv", Csv(50));
        string output = Path.Combine(_dir, "w.csv");
        var result = new CliRunner().Run("windows", "-i", input, "--window", "1h", "--step", "12", "-o", output);
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("'12' has no unit", result.Error, StringComparison.Ordinal);
        Assert.Contains("12m", result.Error, StringComparison.Ordinal);
        Assert.False(System.IO.File.Exists(output));
    }

    [Fact]
    public void WindowsBackwardTimestampMessageDoesNotSuggestAnOptionItLacks()
    {
        string input = File("in.csv", "timestamp,value\n2020-01-01 00:10:00,1\n2020-01-01 00:05:00,2\n");
        var result = new CliRunner().Run("windows", "-i", input, "--window", "1", "-o", Path.Combine(_dir, "w.csv"));
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("goes backwards", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("--allow-unordered", result.Error, StringComparison.Ordinal);

        var detect = new CliRunner().Run("detect", "-d", "null", "-i", input, "-o", Path.Combine(_dir, "d.csv"));
        Assert.Contains("--allow-unordered", detect.Error, StringComparison.Ordinal);   // detect has it
    }

    // ---- item 10: plain words, exit 2

    [Theory]
    [InlineData(new[] { "nab", "run", "-d", "null", "--parallel", "abc" }, "--parallel: 'abc' is not a whole number")]
    [InlineData(new[] { "detect", "-d", "null", "-i", "x.csv", "-o", "y.csv", "--input-min", "abc" }, "--input-min: 'abc' is not a number")]
    [InlineData(new[] { "detect", "-d", "null", "-i", "x.csv", "-o", "" }, "--out: the path is empty")]
    public void ParseAndPathErrorsArePlainWordsWithExitTwo(string[] args, string expected)
    {
        var result = new CliRunner().Run(args);
        Assert.Equal(2, result.ExitCode);
        Assert.Contains(expected, result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("System.", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("(Parameter", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void AFolderGivenAsInputSaysItIsAFolder()
    {
        var result = new CliRunner().Run("detect", "-d", "null", "-i", _dir, "-o", Path.Combine(_dir, "o.csv"));
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("is a folder", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("not found", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void AFolderGivenAsOutputSaysItIsAFolder()
    {
        string input = File("in.csv", Csv(10));
        var result = new CliRunner().Run("detect", "-d", "null", "-i", input, "-o", _dir);
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("is a folder", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void BinaryInputIsQuotedInAtMostEightyCharacters()
    {
        var bytes = new byte[6000];
        new Random(7).NextBytes(bytes);
        bytes[10] = 0;
        string path = Path.Combine(_dir, "binary.csv");
        System.IO.File.WriteAllBytes(path, bytes);

        var result = new CliRunner().Run("detect", "-d", "null", "-i", path, "-o", Path.Combine(_dir, "o.csv"));

        Assert.Equal(2, result.ExitCode);
        Assert.True(result.Error.Length < 400, result.Error);
        Assert.DoesNotContain(result.Error, c => c < ' ' && c != '\n' && c != '\r');
    }

    [UnixFactWhenNotRoot]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public void UnreadableInputIsAUsageError()
    {
        string input = File("secret.csv", Csv(10));
        System.IO.File.SetUnixFileMode(input, UnixFileMode.None);
        var result = new CliRunner().Run("detect", "-d", "null", "-i", input, "-o", Path.Combine(_dir, "o.csv"));
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("permission denied", result.Error, StringComparison.Ordinal);
    }

    // ---- item 11: usage hints, did you mean, bare vigil, --version

    [Fact]
    public void UsageHintNamesTheWholeCommandPath()
    {
        var result = new CliRunner().Run("nab", "run", "-d", "null", "--parallel", "x");
        Assert.Contains("Run 'vigil nab run --help' for usage.", result.Error, StringComparison.Ordinal);
        var root = new CliRunner().Run("frobnicate");
        Assert.Contains("Run 'vigil --help' for usage.", root.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("vigil  --help", root.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void MistypedOptionsAndCommandsGetADidYouMean()
    {
        var option = new CliRunner().Run("detect", "--detectr", "null", "-i", "x.csv", "-o", "y.csv");
        Assert.Equal(2, option.ExitCode);
        Assert.Contains("unknown option '--detectr' for 'vigil detect'. Did you mean '--detector'?", option.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("'null'", option.Error, StringComparison.Ordinal);   // its value is not a second error

        var command = new CliRunner().Run("nab", "scroe");
        Assert.Equal(2, command.ExitCode);
        Assert.Contains("unknown command 'scroe' for 'vigil nab'. Did you mean 'score'?", command.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("Required command", command.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(new string[0], "detectors")]
    [InlineData(new[] { "nab" }, "benchmark")]
    public void ABareCommandGroupPrintsItsHelpAndExitsZero(string[] args, string listed)
    {
        var result = new CliRunner().Run(args);
        Assert.Equal(0, result.ExitCode);
        Assert.Contains("Usage:", result.Out, StringComparison.Ordinal);
        Assert.Contains(listed, result.Out, StringComparison.Ordinal);
        Assert.Equal("", result.Error);
    }

    [Theory]
    [InlineData("--version")]
    [InlineData("detect", "--version")]
    [InlineData("nab", "score", "--version")]
    public void VersionWorksOnEveryCommand(params string[] args)
    {
        var result = new CliRunner().Run(args);
        Assert.Equal(0, result.ExitCode);
        Assert.Matches(@"^\d+\.\d+\.\d+", result.Out.Trim());
    }

    // ---- item 12: detectors list

    [Fact]
    public void DetectorsJsonUsesPlainTypeWordsEnumValuesAndNoUnicodeEscapes()
    {
        var result = new CliRunner().Run("detectors", "list", "--format", "json");
        Assert.Equal(0, result.ExitCode);
        Assert.DoesNotContain("\\u0027", result.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("Int32", result.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("Double", result.Out, StringComparison.Ordinal);
        using var doc = JsonDocument.Parse(result.Out);
        var types = doc.RootElement.EnumerateArray().SelectMany(d => d.GetProperty("options").EnumerateArray()).Select(o => o.GetProperty("type").GetString()).ToHashSet();
        Assert.Subset(new HashSet<string?> { "integer", "number", "boolean", "enum", "string", "object" }, types);   // object: the calibration spec
        var scoring = doc.RootElement.EnumerateArray().Single(d => d.GetProperty("name").GetString() == "htm")
            .GetProperty("options").EnumerateArray().Single(o => o.GetProperty("key").GetString() == "variant");
        Assert.Equal("enum", scoring.GetProperty("type").GetString());
        Assert.Equal(JsonValueKind.Array, scoring.GetProperty("values").ValueKind);
        Assert.Contains(scoring.GetProperty("default").GetString(), scoring.GetProperty("values").EnumerateArray().Select(v => v.GetString()));
    }

    [Fact]
    public void DetectorsTableListsEnumValues()
    {
        var result = new CliRunner().Run("detectors", "list");
        Assert.Contains("variant = r1  (r0 | r1)", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void EveryListedKindIsTheProtocolItsInstancesImplement()
    {
        var registry = Vigil.Detectors.BuiltInDetectors.AddBuiltInDetectors(new Vigil.Detection.DetectorRegistry());
        var result = new CliRunner().Run("detectors", "list", "--format", "json");
        using var doc = JsonDocument.Parse(result.Out);
        foreach (var entry in doc.RootElement.EnumerateArray())
        {
            var created = registry.Create(entry.GetProperty("name").GetString()!, (System.Text.Json.JsonElement?)null);
            Assert.Equal(created is Vigil.Detection.IBatchDetector ? "batch" : "streaming", entry.GetProperty("kind").GetString());
            (created as IDisposable)?.Dispose();
        }
    }

    // ---- item 14: progress

    [Fact]
    public void DetectShowsPlainProgressLinesWhenStderrIsNotATerminal()
    {
        string input = File("in.csv", Csv(30_000));
        var result = new CliRunner().WithEnvironment("VIGIL_PROGRESS", "always").Run("detect", "-d", "moving-zscore", "-i", input, "-o", Path.Combine(_dir, "o.csv"));
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Matches(@"moving-zscore \d+% [\d,]+/30,000 rows, [\d,]+ rows/s", result.Error);
        Assert.DoesNotContain("\u001b", result.Error, StringComparison.Ordinal);   // plain lines, no redraws

        var quiet = new CliRunner().WithEnvironment("VIGIL_PROGRESS", "always").Run("detect", "-d", "moving-zscore", "-i", input, "-o", Path.Combine(_dir, "o.csv"), "--quiet");
        Assert.DoesNotContain("rows/s", quiet.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void AShortRunShowsNoProgress()
    {
        string input = File("in.csv", Csv(100));
        var result = new CliRunner().Run("detect", "-d", "null", "-i", input, "-o", Path.Combine(_dir, "o.csv"));
        Assert.DoesNotContain("rows/s", result.Error, StringComparison.Ordinal);
    }

    // ---- item 15: timestamps

    [Fact]
    public void OffsetsAndFractionsComeBackAsTheyWereRead()
    {
        string input = File("in.csv", "timestamp,value\n2020-01-01T10:00:00+02:00,1\n2020-01-01T10:00:00.250+02:00,2\n2020-01-01T10:00:01+02:00,3\n");
        string output = Path.Combine(_dir, "o.csv");
        var result = new CliRunner().Run("detect", "-d", "null", "-i", input, "-o", output);
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(
            ["2020-01-01 10:00:00.00+02:00", "2020-01-01 10:00:00.25+02:00", "2020-01-01 10:00:01.00+02:00"],
            System.IO.File.ReadAllLines(output).Skip(1).Select(l => l.Split(',')[0]));
    }

    [Fact]
    public void WindowsKeepsSubSecondWindowEnds()
    {
        string input = File("in.csv", Csv(20, i => $"2020-01-01 00:00:{i / 2:00}.{(i % 2) * 5}"));
        string output = Path.Combine(_dir, "w.csv");
        var result = new CliRunner().Run("windows", "-i", input, "--window", "2", "--step", "1", "-o", output);
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal("2020-01-01 00:00:00.5", System.IO.File.ReadAllLines(output)[1].Split(',')[0]);
    }

    [Fact]
    public void UnixSecondsAreReadAndPrintedAsDates()
    {
        string input = File("in.csv", "timestamp,value\n1577836800,1\n1577837100,2\n");
        string output = Path.Combine(_dir, "o.csv");
        var result = new CliRunner().Run("detect", "-d", "null", "-i", input, "-o", output);
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.StartsWith("2020-01-01 00:05:00,", System.IO.File.ReadAllLines(output)[2], StringComparison.Ordinal);
    }

    [Fact]
    public void ASemicolonSeparatedFileGetsAHint()
    {
        string input = File("in.csv", "timestamp;value\n2020-01-01 00:00:00;1,5\n");
        var result = new CliRunner().Run("detect", "-d", "null", "-i", input, "-o", Path.Combine(_dir, "o.csv"));
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("semicolon-separated", result.Error, StringComparison.Ordinal);
    }

    // ---- item 16: probation

    [Fact]
    public void ProbationCoveringTheWholeSeriesWarns()
    {
        string input = File("in.csv", Csv(200));
        var result = new CliRunner().Run("detect", "-d", "isolation-forest", "-i", input, "-o", Path.Combine(_dir, "o.csv"), "--probation", "5000");
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("warning: --probation 5000 is not below the series' 200 rows", result.Error, StringComparison.Ordinal);

        var fine = new CliRunner().Run("detect", "-d", "isolation-forest", "-i", input, "-o", Path.Combine(_dir, "o.csv"), "--probation", "100");
        Assert.DoesNotContain("warning", fine.Error, StringComparison.Ordinal);
    }
}
