namespace Vigil.Cli.Tests.Commands;

public sealed class GeneralCommandTests
{
    [Fact]
    public void HelpListsTheCommandsAndExitsZero()
    {
        var result = new CliRunner().Run("--help");
        Assert.Equal(0, result.ExitCode);
        Assert.Contains("detect", result.Out, StringComparison.Ordinal);
        Assert.Contains("nab", result.Out, StringComparison.Ordinal);
        Assert.Contains("detectors", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void UnknownCommandIsAUsageError()
    {
        var result = new CliRunner().Run("frobnicate");
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("frobnicate", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void MissingRequiredOptionIsAUsageError()
    {
        var result = new CliRunner().Run("detect", "--detector", "null");
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--input", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void DetectorsListShowsEveryBaselineWithDefaultsAndRanges()
    {
        var result = new CliRunner().Run("detectors", "list");
        Assert.Equal(0, result.ExitCode);
        foreach (string name in new[] { "null", "random", "windowed-gaussian", "moving-zscore" })
        {
            Assert.Contains(name, result.Out, StringComparison.Ordinal);
        }

        Assert.Contains("windowSize = 6400", result.Out, StringComparison.Ordinal);
        Assert.Contains("scoring = tailComplement", result.Out, StringComparison.Ordinal);
        Assert.Contains("seed = 42", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void DetectorsListAsJsonIsMachineReadable()
    {
        var result = new CliRunner().Run("detectors", "list", "--format", "json");
        Assert.Equal(0, result.ExitCode);
        using var doc = System.Text.Json.JsonDocument.Parse(result.Out);
        var names = doc.RootElement.EnumerateArray().Select(e => e.GetProperty("name").GetString()).ToArray();
        Assert.Contains("windowed-gaussian", names);
    }
}
