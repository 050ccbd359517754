using System.Diagnostics;

namespace Vigil.Cli.Tests.Commands;

/// <summary>Starts the built <c>vigil</c> tool as a separate process (for tests of several processes on one study).</summary>
internal static class VigilProcess
{
    /// <summary>The CLI build next to the tests' (same configuration), or null when it is not there.</summary>
    public static string? Dll
    {
        get
        {
            // The project reference copies the CLI next to the tests (bin/<Configuration>/net10.0/linux-x64/ since the
            // tests load libtorch); else the CLI's own build folder.
            string beside = Path.Combine(AppContext.BaseDirectory, "vigil.dll");
            if (System.IO.File.Exists(beside))
            {
                return beside;
            }

            // tests/Vigil.Cli.Tests/bin/<Configuration>/net10.0/ -> src/Vigil.Cli/bin/<Configuration>/net10.0/linux-x64/vigil.dll
            var dir = new DirectoryInfo(AppContext.BaseDirectory);
            string configuration = dir.Parent!.Name;
            var root = dir;
            while (root is not null && !System.IO.File.Exists(Path.Combine(root.FullName, "Vigil.slnx")))
            {
                root = root.Parent;
            }

            if (root is null)
            {
                return null;
            }

            string bin = Path.Combine(root.FullName, "src", "Vigil.Cli", "bin", configuration, "net10.0");
            return new[] { Path.Combine(bin, "linux-x64", "vigil.dll"), Path.Combine(bin, "vigil.dll") }.FirstOrDefault(System.IO.File.Exists);
        }
    }

    public static Process Start(string workingDirectory, params string[] args)
    {
        var info = new ProcessStartInfo("dotnet") { WorkingDirectory = workingDirectory, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add(Dll ?? throw new InvalidOperationException("vigil.dll not built"));
        foreach (string a in args)
        {
            info.ArgumentList.Add(a);
        }

        info.Environment["OMP_WAIT_POLICY"] = "PASSIVE";
        return Process.Start(info)!;
    }

    public static (int ExitCode, string Output) Run(string workingDirectory, params string[] args)
    {
        using var p = Start(workingDirectory, args);
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        p.WaitForExit();
        return (p.ExitCode, stdout.Result + stderr.Result);
    }
}
