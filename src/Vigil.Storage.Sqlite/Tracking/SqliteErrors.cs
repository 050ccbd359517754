using Microsoft.Data.Sqlite;
using Vigil.Experiments.Tracking;

namespace Vigil.Storage.Sqlite.Tracking;

/// <summary>Turns SQLite and file-system errors into <see cref="TrackingStoreException"/>s that say what to do.</summary>
internal static class SqliteErrors
{
    // SQLite's primary result codes (https://sqlite.org/rescode.html).
    private const int Busy = 5;
    private const int Locked = 6;
    private const int ReadOnly = 8;
    private const int IoError = 10;
    private const int Corrupt = 11;
    private const int Full = 13;
    private const int CantOpen = 14;
    private const int NotADatabase = 26;

    public static bool IsBusy(SqliteException e) => e.SqliteErrorCode is Busy or Locked;

    public static TrackingStoreException Translate(Exception error, string path) => error switch
    {
        TrackingStoreException t => t,
        SqliteException { SqliteErrorCode: ReadOnly } e => new($"The tracking store {path} is read-only; point --tracking-uri at a writable folder, or pass --no-track.", e),
        SqliteException { SqliteErrorCode: Full } e => new($"The tracking store {path} cannot grow: the disk is full. The run is marked failed; free space, or pass --no-track.", e),
        SqliteException { SqliteErrorCode: CantOpen } e => new($"The tracking store {path} cannot be opened (a missing or read-only folder?); point --tracking-uri at a writable folder, or pass --no-track.", e),
        SqliteException { SqliteErrorCode: NotADatabase or Corrupt } e => new($"{path} is not a readable tracking database (SQLite: {e.Message.TrimEnd('.')}); move it aside and a new one is created.", e),
        SqliteException { SqliteErrorCode: Busy or Locked } e => new($"The tracking store {path} stayed locked by other processes; try again.", e),
        SqliteException { SqliteErrorCode: IoError } e => new($"The tracking store {path} could not be written (I/O error: {e.Message.TrimEnd('.')}).", e),
        SqliteException e => new($"The tracking store {path}: {e.Message}", e),
        UnauthorizedAccessException e => new($"The tracking store at {path} is not writable: {e.Message}", e),
        IOException e => new($"The tracking store at {path} could not be written: {e.Message}", e),
        _ => new($"The tracking store {path}: {error.Message}", error),
    };
}
