namespace Vigil.Cli.Tests;

/// <summary>A fact about file permissions: root reads every file, and Windows has no Unix modes, so both skip it with the reason.</summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
internal sealed class UnixFactWhenNotRootAttribute : FactAttribute
{
    public UnixFactWhenNotRootAttribute()
    {
        if (OperatingSystem.IsWindows())
        {
            Skip = "Unix permission bits do not exist on Windows.";
        }
        else if (Environment.UserName == "root")
        {
            Skip = "Running as root, which can read a file with mode 000; run the tests as an ordinary user to check unreadable inputs.";
        }
    }
}
