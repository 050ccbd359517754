using Microsoft.Data.Sqlite;

namespace Vigil.Storage.Sqlite.Tracking;

/// <summary>The tracking database's tables (schema version 1, kept in <c>PRAGMA user_version</c>).</summary>
internal static class TrackingSchema
{
    public const int Version = 1;

    private const string Create = """
        CREATE TABLE IF NOT EXISTS experiments(
            id INTEGER PRIMARY KEY,
            name TEXT NOT NULL UNIQUE,
            created_ms INTEGER NOT NULL);
        CREATE TABLE IF NOT EXISTS runs(
            id TEXT PRIMARY KEY,
            experiment_id INTEGER NOT NULL REFERENCES experiments(id),
            status TEXT NOT NULL,
            start_ms INTEGER NOT NULL,
            end_ms INTEGER,
            parent_id TEXT,
            sync_state TEXT NOT NULL DEFAULT 'local',
            sync_target TEXT,
            remote_id TEXT);
        CREATE INDEX IF NOT EXISTS runs_by_experiment ON runs(experiment_id, start_ms);
        CREATE TABLE IF NOT EXISTS tags(
            run_id TEXT NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
            key TEXT NOT NULL,
            value TEXT NOT NULL,
            PRIMARY KEY(run_id, key));
        CREATE TABLE IF NOT EXISTS params(
            run_id TEXT NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
            key TEXT NOT NULL,
            value TEXT NOT NULL,
            PRIMARY KEY(run_id, key));
        CREATE TABLE IF NOT EXISTS metrics(
            run_id TEXT NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
            key TEXT NOT NULL,
            step INTEGER NOT NULL,
            timestamp_ms INTEGER NOT NULL,
            value REAL);
        CREATE INDEX IF NOT EXISTS metrics_by_run ON metrics(run_id, key, step);
        """;

    /// <summary>Creates the tables when missing; rejects a database from a newer Vigil.</summary>
    public static void Ensure(SqliteConnection connection, string path)
    {
        using var transaction = connection.BeginTransaction();   // BEGIN IMMEDIATE: one process creates, the others wait
        using var version = connection.CreateCommand();
        version.Transaction = transaction;
        version.CommandText = "PRAGMA user_version";
        long found = (long)version.ExecuteScalar()!;
        if (found > Version)
        {
            throw new Vigil.Experiments.Tracking.TrackingStoreException($"{path} was written by a newer Vigil (tracking schema {found}; this version reads up to {Version}).");
        }

        if (found < Version)
        {
            using var create = connection.CreateCommand();
            create.Transaction = transaction;
            create.CommandText = Create + $"PRAGMA user_version = {Version};";
            create.ExecuteNonQuery();
        }

        transaction.Commit();
    }
}
