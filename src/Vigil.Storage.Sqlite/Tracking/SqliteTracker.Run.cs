using Vigil.Experiments.Tracking;

namespace Vigil.Storage.Sqlite.Tracking;

public sealed partial class SqliteTracker
{
    /// <summary>A live run: every call is written at once, in its own transaction.</summary>
    private sealed class Run(SqliteTracker owner, string id) : IRun
    {
        private volatile bool _completed;
        private volatile bool _writeFailed;
        private int _disposed;

        public string Id => id;

        public void LogParameters(IReadOnlyDictionary<string, string> parameters)
        {
            ArgumentNullException.ThrowIfNull(parameters);
            Write(connection =>
            {
                using var transaction = connection.BeginTransaction();
                foreach (var (key, value) in parameters)
                {
                    Execute(connection, transaction, "INSERT OR REPLACE INTO params(run_id, key, value) VALUES($id, $key, $value)", ("$id", id), ("$key", key), ("$value", value));
                }

                transaction.Commit();
            });
        }

        public void LogMetric(string name, double value, long step = 0)
        {
            ArgumentException.ThrowIfNullOrWhiteSpace(name);
            long now = owner._time.GetUtcNow().ToUnixTimeMilliseconds();
            Write(connection => Execute(connection, null,
                "INSERT INTO metrics(run_id, key, step, timestamp_ms, value) VALUES($id, $key, $step, $ts, $value)",
                ("$id", id), ("$key", name), ("$step", step), ("$ts", now), ("$value", value)));
        }

        public void SetTag(string key, string value)
        {
            ArgumentException.ThrowIfNullOrWhiteSpace(key);
            Write(connection => Execute(connection, null, "INSERT OR REPLACE INTO tags(run_id, key, value) VALUES($id, $key, $value)", ("$id", id), ("$key", key), ("$value", value)));
        }

        public async ValueTask LogArtifactAsync(string relativePath, Stream content, CancellationToken ct = default)
        {
            ArgumentNullException.ThrowIfNull(content);
            using var buffer = new MemoryStream();
            await content.CopyToAsync(buffer, ct).ConfigureAwait(false);
            try
            {
                owner.WriteArtifact(id, relativePath, buffer.ToArray());
            }
            catch (TrackingStoreException)
            {
                _writeFailed = true;
                throw;
            }
        }

        public void Complete() => _completed = true;

        public ValueTask DisposeAsync()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                // A run that lost a write is partial: it ends as failed even when the job completed.
                var status = _completed && !_writeFailed ? RunStatus.Finished : RunStatus.Failed;
                long end = owner._time.GetUtcNow().ToUnixTimeMilliseconds();
                owner.Write(connection => Execute(connection, null, "UPDATE runs SET status = $status, end_ms = $end WHERE id = $id",
                    ("$status", StatusText(status)), ("$end", end), ("$id", id)));
            }

            return ValueTask.CompletedTask;
        }

        private void Write(Action<Microsoft.Data.Sqlite.SqliteConnection> write)
        {
            try
            {
                owner.Write(write);
            }
            catch (TrackingStoreException)
            {
                _writeFailed = true;
                throw;
            }
        }
    }
}
