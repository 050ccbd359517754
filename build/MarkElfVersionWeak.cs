// MSBuild inline task (RoslynCodeTaskFactory, see LibTorchRuntime.targets): marks version requirements weak
// (VER_FLG_WEAK) in an ELF64 little-endian shared library, in place. It rewrites the vna_flags of each matching
// Vernaux entry in the SHT_GNU_verneed section (.gnu.version_r). Idempotent: an entry already weak is left alone.
// Used on the build-output copy of libLibTorchSharp.so, never on the package cache.
using System;
using System.IO;
using System.Linq;
using System.Text;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;

public sealed class VigilMarkElfVersionWeak : Task
{
    private const uint ShtGnuVerneed = 0x6ffffffe;
    private const ushort VerFlgWeak = 0x2;

    /// <summary>The shared library to edit.</summary>
    [Required]
    public string Library { get; set; }

    /// <summary>Version names to mark weak, separated by ';' (e.g. GLIBCXX_3.4.32).</summary>
    [Required]
    public string Versions { get; set; }

    public override bool Execute()
    {
        var wanted = Versions.Split(new[] { ';', ' ' }, StringSplitOptions.RemoveEmptyEntries);
        byte[] data = File.ReadAllBytes(Library);
        if (data.Length < 0x40 || data[0] != 0x7f || data[1] != (byte)'E' || data[2] != (byte)'L' || data[3] != (byte)'F' || data[4] != 2 || data[5] != 1)
        {
            Log.LogError("{0}: not an ELF64 little-endian file", Library);
            return false;
        }

        long shoff = (long)U64(data, 0x28);
        int shentsize = U16(data, 0x3A);
        int shnum = U16(data, 0x3C);
        int changed = 0;
        for (int i = 0; i < shnum; i++)
        {
            int header = checked((int)(shoff + (long)i * shentsize));
            uint type = U32(data, header + 4);
            if (type != ShtGnuVerneed)
            {
                continue;
            }

            long offset = (long)U64(data, header + 24);
            uint link = U32(data, header + 40);   // sh_link: the dynamic string table
            uint count = U32(data, header + 44);  // sh_info: number of Verneed entries
            int strtabHeader = checked((int)(shoff + (long)link * shentsize));
            long strings = (long)U64(data, strtabHeader + 24);
            int entry = checked((int)offset);
            for (uint n = 0; n < count; n++)
            {
                ushort auxCount = U16(data, entry + 2);
                uint auxOffset = U32(data, entry + 8);
                uint next = U32(data, entry + 12);
                int aux = checked(entry + (int)auxOffset);
                for (int a = 0; a < auxCount; a++)
                {
                    ushort flags = U16(data, aux + 4);
                    uint nameOffset = U32(data, aux + 8);
                    uint auxNext = U32(data, aux + 12);
                    int nameStart = checked((int)(strings + nameOffset));
                    int nameEnd = Array.IndexOf(data, (byte)0, nameStart);
                    string name = Encoding.ASCII.GetString(data, nameStart, nameEnd - nameStart);
                    if (wanted.Contains(name) && (flags & VerFlgWeak) == 0)
                    {
                        data[aux + 4] = (byte)(flags | VerFlgWeak);
                        data[aux + 5] = (byte)((flags | VerFlgWeak) >> 8);
                        changed++;
                    }

                    if (auxNext == 0)
                    {
                        break;
                    }

                    aux = checked(aux + (int)auxNext);
                }

                if (next == 0)
                {
                    break;
                }

                entry = checked(entry + (int)next);
            }
        }

        if (changed > 0)
        {
            File.WriteAllBytes(Library, data);
        }

        Log.LogMessage(MessageImportance.Normal, "mark-version-weak: {0}: {1} requirement(s) marked weak", Library, changed);
        return true;
    }

    // The file is little-endian whatever the build machine is (the task targets netstandard: no BinaryPrimitives).
    private static ushort U16(byte[] d, long at) => (ushort)(d[at] | d[at + 1] << 8);

    private static uint U32(byte[] d, long at) => (uint)(d[at] | d[at + 1] << 8 | d[at + 2] << 16 | d[at + 3] << 24);

    private static ulong U64(byte[] d, long at) => U32(d, at) | (ulong)U32(d, at + 4) << 32;
}
