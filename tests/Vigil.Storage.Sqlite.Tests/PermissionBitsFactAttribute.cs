namespace Vigil.Storage.Sqlite.Tests;

/// <summary>A fact that needs permission bits to make a folder read-only: skipped (with the reason) for root and on Windows.</summary>
public sealed class PermissionBitsFactAttribute : FactAttribute
{
    public PermissionBitsFactAttribute()
    {
        if (OperatingSystem.IsWindows() || Environment.UserName == "root")
        {
            Skip = "Running as root (or on Windows): permission bits do not make a folder read-only here; the read-only open covers SQLite's side.";
        }
    }
}
