using System.Buffers.Binary;
using System.IO.Compression;

namespace Vigil.Reporting.Tests.Browser;

/// <summary>
/// Decodes the 8-bit, non-interlaced RGB/RGBA PNGs Chromium's screenshots are, enough to measure pixel variance
/// without an image package.
/// </summary>
internal sealed class PngImage
{
    private PngImage(int width, int height, byte[] rgba)
    {
        Width = width;
        Height = height;
        Rgba = rgba;
    }

    public int Width { get; }

    public int Height { get; }

    /// <summary>Pixels, 4 bytes each, row by row.</summary>
    public byte[] Rgba { get; }

    public static PngImage Decode(byte[] png)
    {
        ReadOnlySpan<byte> signature = [137, 80, 78, 71, 13, 10, 26, 10];
        if (!png.AsSpan(0, 8).SequenceEqual(signature))
        {
            throw new InvalidDataException("Not a PNG.");
        }

        int width = 0, height = 0, channels = 0;
        var idat = new MemoryStream();
        for (int at = 8; at < png.Length;)
        {
            int length = BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(at));
            string type = System.Text.Encoding.ASCII.GetString(png, at + 4, 4);
            var data = png.AsSpan(at + 8, length);
            if (type == "IHDR")
            {
                width = BinaryPrimitives.ReadInt32BigEndian(data);
                height = BinaryPrimitives.ReadInt32BigEndian(data[4..]);
                byte depth = data[8], colour = data[9], interlace = data[12];
                channels = colour switch { 2 => 3, 6 => 4, _ => throw new InvalidDataException($"PNG colour type {colour} not supported.") };
                if (depth != 8 || interlace != 0)
                {
                    throw new InvalidDataException("Only 8-bit non-interlaced PNGs are supported.");
                }
            }
            else if (type == "IDAT")
            {
                idat.Write(data);
            }

            at += 12 + length;
        }

        idat.Position = 0;
        using var inflater = new ZLibStream(idat, CompressionMode.Decompress);
        int stride = width * channels;
        var raw = new byte[(stride + 1) * height];
        inflater.ReadExactly(raw);
        var rgba = new byte[width * height * 4];
        var previous = new byte[stride];
        var line = new byte[stride];
        for (int y = 0; y < height; y++)
        {
            byte filter = raw[y * (stride + 1)];
            Array.Copy(raw, (y * (stride + 1)) + 1, line, 0, stride);
            for (int i = 0; i < stride; i++)
            {
                int left = i >= channels ? line[i - channels] : 0;
                int up = previous[i];
                int upLeft = i >= channels ? previous[i - channels] : 0;
                line[i] = (byte)(line[i] + filter switch
                {
                    0 => 0,
                    1 => left,
                    2 => up,
                    3 => (left + up) / 2,
                    4 => Paeth(left, up, upLeft),
                    _ => throw new InvalidDataException($"PNG filter {filter} unknown."),
                });
            }

            for (int x = 0; x < width; x++)
            {
                int o = (y * width + x) * 4;
                rgba[o] = line[x * channels];
                rgba[o + 1] = line[(x * channels) + 1];
                rgba[o + 2] = line[(x * channels) + 2];
                rgba[o + 3] = channels == 4 ? line[(x * channels) + 3] : (byte)255;
            }

            (previous, line) = (line, previous);
        }

        return new PngImage(width, height, rgba);
    }

    /// <summary>Variance of the pixels' luminance (0–255 scale): 0 for a blank image.</summary>
    public double LuminanceVariance()
    {
        double sum = 0, sumSquares = 0;
        int n = Width * Height;
        for (int i = 0; i < n; i++)
        {
            double l = (0.299 * Rgba[i * 4]) + (0.587 * Rgba[(i * 4) + 1]) + (0.114 * Rgba[(i * 4) + 2]);
            sum += l;
            sumSquares += l * l;
        }

        double mean = sum / n;
        return (sumSquares / n) - (mean * mean);
    }

    private static int Paeth(int a, int b, int c)
    {
        int p = a + b - c;
        int pa = Math.Abs(p - a), pb = Math.Abs(p - b), pc = Math.Abs(p - c);
        return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
    }
}
