using System.Runtime.CompilerServices;

namespace Vigil.IO;

/// <summary>Trimming of raw UTF-8 CSV fields and lines, for readers that scan bytes row by row.</summary>
/// <remarks>
/// <see cref="MemoryExtensions.Trim{T}(ReadOnlySpan{T}, T)"/> is a generic call that short processes run
/// unoptimised (with profiling probes) for most of their life; these inline loops cost a byte compare or two
/// on the common untrimmed field.
/// </remarks>
public static class CsvField
{
    /// <summary>The field without surrounding spaces, then without surrounding double quotes.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ReadOnlySpan<byte> Unwrap(ReadOnlySpan<byte> field) => Trim(Trim(field, (byte)' '), (byte)'"');

    /// <summary>Whether the line is empty or only spaces.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool IsBlank(ReadOnlySpan<byte> line) => line.Length == 0 || (line[0] == ' ' && Trim(line, (byte)' ').IsEmpty);

    /// <summary>The span without leading and trailing <paramref name="value"/> bytes.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ReadOnlySpan<byte> Trim(ReadOnlySpan<byte> span, byte value)
    {
        int start = 0, end = span.Length;
        while (start < end && span[start] == value)
        {
            start++;
        }

        while (end > start && span[end - 1] == value)
        {
            end--;
        }

        return span[start..end];
    }
}
