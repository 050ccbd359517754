using System.Runtime.InteropServices;

namespace Vigil.IO;

/// <summary>
/// Tells regular files from devices, pipes and sockets, which .NET reports alike (all "Normal"). Linux asks the
/// kernel (<c>statx</c>, whose layout is the same on every architecture); elsewhere anything under <c>/dev</c> counts
/// as a device.
/// </summary>
internal static class FileKind
{
    private const int AtFdCwd = -100;
    private const uint StatxType = 0x1;
    private const int ModeOffset = 28;        // struct statx: u32 mask, u32 blksize, u64 attributes, u32 nlink, u32 uid, u32 gid, u16 mode
    private const int TypeMask = 0xF000;      // S_IFMT
    private const int RegularType = 0x8000;   // S_IFREG

    /// <summary>Whether the existing, link-resolved <paramref name="path"/> is a regular file (true when unknown).</summary>
    public static bool IsRegular(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            return true;
        }

        if (OperatingSystem.IsLinux())
        {
            var buffer = new byte[256];
            try
            {
                if (Statx(AtFdCwd, path, 0, StatxType, buffer) == 0)
                {
                    int mode = BitConverter.ToUInt16(buffer, ModeOffset);
                    return (mode & TypeMask) == RegularType;
                }
            }
            catch (EntryPointNotFoundException)
            {
                // glibc before 2.28: fall through to the path rule.
            }
            catch (DllNotFoundException)
            {
            }
        }

        return !path.StartsWith("/dev/", StringComparison.Ordinal);
    }

    [DllImport("libc", EntryPoint = "statx", SetLastError = true, CharSet = CharSet.Ansi, BestFitMapping = false, ThrowOnUnmappableChar = true)]
    private static extern int Statx(int directoryFd, string path, int flags, uint mask, [Out] byte[] buffer);
}
