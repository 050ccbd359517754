namespace Vigil.Evaluation.Nab;

/// <summary>
/// Walks the lines of a UTF-8 buffer without allocating: each line without its '\n' or "\r\n", numbered from 1.
/// A final line without a terminator is returned too; an empty buffer has no lines.
/// </summary>
internal ref struct Utf8LineReader(ReadOnlySpan<byte> bytes)
{
    private readonly ReadOnlySpan<byte> _bytes = bytes;
    private int _position;

    /// <summary>1-based number of the line last returned by <see cref="TryReadLine"/>.</summary>
    public int LineNumber { get; private set; }

    /// <summary>The next line, or false at the end of the buffer.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    public bool TryReadLine(out ReadOnlySpan<byte> line)
    {
        if (_position >= _bytes.Length)
        {
            line = default;
            return false;
        }

        var rest = _bytes[_position..];
        int end = rest.IndexOf((byte)'\n');
        line = end < 0 ? rest : rest[..end];
        _position += end < 0 ? rest.Length : end + 1;
        if (line.Length > 0 && line[^1] == (byte)'\r')
        {
            line = line[..^1];
        }

        LineNumber++;
        return true;
    }
}
