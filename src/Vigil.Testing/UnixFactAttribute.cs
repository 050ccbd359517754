using Xunit;

namespace Vigil.Testing;

/// <summary>A fact about Unix file semantics (links, FIFOs, devices, permission bits): skipped, with the reason, on Windows.</summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
public sealed class UnixFactAttribute : FactAttribute
{
    /// <summary>Sets <see cref="FactAttribute.Skip"/> on Windows.</summary>
    public UnixFactAttribute()
    {
        if (OperatingSystem.IsWindows())
        {
            Skip = "Unix file semantics (FIFOs, /dev, permission bits) do not exist on Windows.";
        }
    }
}
