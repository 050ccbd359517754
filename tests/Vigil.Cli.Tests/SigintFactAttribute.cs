using System.Globalization;

namespace Vigil.Cli.Tests;

/// <summary>
/// A fact that sends SIGINT to a child <c>vigil</c> process: skipped on Windows, and where this process ignores SIGINT.
/// A shell starts background jobs (<c>./test.sh &amp;</c>) with SIGINT ignored, the children inherit that, and .NET keeps
/// an inherited "ignore" (as POSIX programs should), so Ctrl+C cannot reach the child there and the test would wait for
/// the whole run instead of checking the interrupt.
/// </summary>
internal sealed class SigintFactAttribute : FactAttribute
{
    public SigintFactAttribute()
    {
        if (OperatingSystem.IsWindows())
        {
            Skip = "SIGINT does not exist on Windows.";
        }
        else if (SigintIgnored())
        {
            Skip = "SIGINT is ignored by this process (started as a background job?), and a child inherits that; run the tests in the foreground to check Ctrl+C.";
        }
    }

    private static bool SigintIgnored()
    {
        const string status = "/proc/self/status";
        if (!File.Exists(status))
        {
            return false;
        }

        string? line = File.ReadLines(status).FirstOrDefault(l => l.StartsWith("SigIgn:", StringComparison.Ordinal));
        return line is not null
            && ulong.TryParse(line["SigIgn:".Length..].Trim(), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out ulong mask)
            && (mask & (1UL << (2 - 1))) != 0;   // SIGINT is signal 2: bit 1 of the mask
    }
}
