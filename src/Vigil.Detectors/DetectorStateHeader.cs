namespace Vigil.Detectors;

/// <summary>
/// The header a streaming detector's saved state starts with — a magic number and the state version — and the one
/// check of it on restore, so every detector refuses a foreign or newer state with the same words.
/// </summary>
internal static class DetectorStateHeader
{
    /// <summary>Writes the magic number and the state version.</summary>
    public static void Write(BinaryWriter writer, uint magic, int version)
    {
        writer.Write(magic);
        writer.Write(version);
    }

    /// <summary>Checks the stored version against this build's, then the header of the state.</summary>
    /// <param name="reader">Positioned at the header.</param>
    /// <param name="name">The detector as messages name it ("HTM", "context-ose").</param>
    /// <param name="article">"a" or "an", for "Not an HTM detector state."</param>
    /// <param name="magic">The detector's magic number.</param>
    /// <param name="version">This build's state version.</param>
    /// <param name="storedVersion">The version the archive's manifest records.</param>
    /// <exception cref="InvalidDataException">A newer version, another detector's state, or an unsupported version.</exception>
    public static void Check(BinaryReader reader, string name, string article, uint magic, int version, int storedVersion)
    {
        ArgumentNullException.ThrowIfNull(reader);
        if (storedVersion > version)
        {
            throw new InvalidDataException($"{name} state version {storedVersion} is newer than this build supports ({version}); upgrade Vigil to load it.");
        }

        if (reader.ReadUInt32() != magic)
        {
            throw new InvalidDataException($"Not {article} {name} detector state.");
        }

        int stored = reader.ReadInt32();
        if (stored != version)
        {
            throw new InvalidDataException($"{name} state version {stored} is not supported (expected {version}).");
        }
    }

    /// <summary>
    /// Writes the harness context a detector was prepared with (a presence flag, then probation, input min and max, and
    /// the series length when <paramref name="withSeriesLength"/>), the part of state every NAB-port detector shares.
    /// </summary>
    public static void WriteContext(BinaryWriter writer, Vigil.Detection.SeriesContext? context, bool withSeriesLength = false)
    {
        writer.Write(context is not null);
        if (context is not null)
        {
            writer.Write(context.ProbationLength);
            writer.Write(context.InputMin);
            writer.Write(context.InputMax);
            if (withSeriesLength)
            {
                writer.Write(context.SeriesLength);
            }
        }
    }

    /// <summary>Reads what <see cref="WriteContext"/> wrote, with the same <paramref name="withSeriesLength"/>; null when none was saved.</summary>
    public static Vigil.Detection.SeriesContext? ReadContext(BinaryReader reader, bool withSeriesLength = false)
    {
        if (!reader.ReadBoolean())
        {
            return null;
        }

        int probation = reader.ReadInt32();
        double min = reader.ReadDouble();
        double max = reader.ReadDouble();
        return new Vigil.Detection.SeriesContext(probation, min, max, withSeriesLength ? reader.ReadInt32() : 0);
    }
}
