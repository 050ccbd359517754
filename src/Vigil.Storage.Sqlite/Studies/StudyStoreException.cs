namespace Vigil.Storage.Sqlite.Studies;

/// <summary>
/// The study database cannot be used: not a SQLite database, corrupt, of another schema, or read-only. Nothing in it was
/// changed. A <see cref="FormatException"/>, so the CLI reports it as bad input (exit code 2).
/// </summary>
public sealed class StudyStoreException(string message, Exception? inner = null) : FormatException(message, inner);
