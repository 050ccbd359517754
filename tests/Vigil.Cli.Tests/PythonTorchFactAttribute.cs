using System.Diagnostics;

namespace Vigil.Cli.Tests;

/// <summary>A fact that needs Debian's <c>python3-torch</c> (<c>python3 -c "import torch"</c>); a skip saying so where it is absent.</summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
internal sealed class PythonTorchFactAttribute : FactAttribute
{
    // Debian's interpreter first: python3 on PATH may be another installation without the package.
    private static readonly Lazy<string?> Found = new(() => new[] { "/usr/bin/python3", "python3" }.FirstOrDefault(Imports));

    /// <summary>A python3 that imports torch (null when none does).</summary>
    public static string? Interpreter => Found.Value;

    public PythonTorchFactAttribute()
    {
        if (Interpreter is null)
        {
            Skip = "needs PyTorch for python3 (Debian: apt-get install python3-torch, ~200 packages, so CI does not install it); it checks that 'vigil model export --format pt' loads with torch.load into the peer's nn.Module.";
        }
    }

    private static bool Imports(string python)
    {
        try
        {
            using var process = Process.Start(new ProcessStartInfo(python, ["-c", "import torch"]) { RedirectStandardError = true, RedirectStandardOutput = true })!;
            process.WaitForExit();
            return process.ExitCode == 0;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return false;
        }
    }
}
