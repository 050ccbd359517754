using System.Diagnostics;

namespace Vigil.Cli.Tests;

/// <summary>Runs the built CLI in a fresh process (nothing shared with the test process but files).</summary>
internal static class CliProcess
{
    public static (int Code, string Output) Run(params string[] args)
    {
        string cli = Path.Combine(AppContext.BaseDirectory, "vigil.dll");
        Assert.True(File.Exists(cli), $"the CLI build is missing next to the tests: {cli}");
        string host = Environment.ProcessPath is { } p && Path.GetFileNameWithoutExtension(p) == "dotnet" ? p : "dotnet";
        var start = new ProcessStartInfo(host) { RedirectStandardOutput = true, RedirectStandardError = true };
        start.Environment["OMP_WAIT_POLICY"] = "PASSIVE";   // libtorch's OpenMP workers otherwise spin on a busy machine
        start.ArgumentList.Add(cli);
        foreach (string a in args)
        {
            start.ArgumentList.Add(a);
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        string stderr = process.StandardError.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, stdout.Result + stderr);
    }
}
