using System.Buffers;

namespace Vigil.Evaluation.Nab;

/// <summary>Reads whole files into buffers rented from <see cref="ArrayPool{T}.Shared"/>.</summary>
/// <remarks>
/// The scorer reads 58 data files and 58 results files (about 30 MB) per detector. A fresh array per file makes
/// the kernel zero new pages every time; reusing pooled buffers removes that cost from every detector after the first.
/// </remarks>
internal static class PooledFileReader
{
    /// <summary>The bytes of <paramref name="path"/> in a rented buffer; only the first <paramref name="length"/> bytes are the file.</summary>
    /// <remarks>The caller must hand the buffer back with <see cref="Return"/> when done with it.</remarks>
    /// <exception cref="IOException">The file cannot be read, or is larger than 2 GB.</exception>
    public static byte[] Read(string path, out int length)
    {
        using var handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.Read, FileOptions.SequentialScan);
        long size = RandomAccess.GetLength(handle);
        if (size > Array.MaxLength)
        {
            throw new IOException($"{path}: {size} bytes is too large to score.");
        }

        byte[] buffer = ArrayPool<byte>.Shared.Rent(Math.Max(1, (int)size));
        length = 0;
        try
        {
            // A file may change size while read; read until end of file rather than trusting the length.
            while (true)
            {
                if (length == buffer.Length)
                {
                    byte[] larger = ArrayPool<byte>.Shared.Rent(buffer.Length * 2);
                    buffer.AsSpan(0, length).CopyTo(larger);
                    ArrayPool<byte>.Shared.Return(buffer);
                    buffer = larger;
                }

                int read = RandomAccess.Read(handle, buffer.AsSpan(length), length);
                if (read == 0)
                {
                    return buffer;
                }

                length += read;
            }
        }
        catch
        {
            ArrayPool<byte>.Shared.Return(buffer);
            throw;
        }
    }

    /// <summary>Hands a buffer from <see cref="Read"/> back to the pool.</summary>
    public static void Return(byte[] buffer) => ArrayPool<byte>.Shared.Return(buffer);
}
