using System.Buffers.Binary;
using System.Security.Cryptography;

namespace Vigil.Persistence;

/// <summary>The SHA-256 fingerprint of a series recorded in model manifests.</summary>
public static class DataFingerprint
{
    /// <summary>
    /// SHA-256 (lower-case hex) over each row's UTC ticks (int64) and value (float64), little-endian, in order.
    /// The same bytes give the same fingerprint on every platform; this is the layout the first trained-model
    /// format used, so old and new manifests compare.
    /// </summary>
    public static string Of(TimeSeries series)
    {
        ArgumentNullException.ThrowIfNull(series);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        Span<byte> buffer = stackalloc byte[16];
        var timestamps = series.Timestamps.Span;
        var values = series.Values.Span;
        for (int i = 0; i < series.Length; i++)
        {
            BinaryPrimitives.WriteInt64LittleEndian(buffer, timestamps[i].UtcTicks);
            BinaryPrimitives.WriteDoubleLittleEndian(buffer[8..], values[i]);
            hash.AppendData(buffer);
        }

        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }
}
