using System.Threading.Channels;
using Microsoft.Data.Sqlite;

namespace KubeSharp.Storage.Sqlite;

/// <summary>
/// The only writer of the log. Requests queue on a channel; the loop takes everything queued (up to a batch
/// limit), applies it in one transaction (group commit), commits, advances the in-memory revision, publishes
/// the events to live watchers, and only then completes each caller's task. Revision order, commit order and
/// publish order are therefore the same, which is what lets watchers stitch replay and live events together.
/// </summary>
internal sealed class LogWriter : IAsyncDisposable
{
    private const int CheckpointBusyTimeoutMs = 100;
    private const int DefaultBusyTimeoutMs = 5000;

    private readonly SqliteConnection _connection;
    private readonly WatchHub _hub;
    private readonly int _maxBatchSize;
    private readonly Channel<WriteRequest> _queue =
        Channel.CreateUnbounded<WriteRequest>(new UnboundedChannelOptions { SingleReader = true });
    private readonly SqliteCommand _latest;
    private readonly SqliteCommand _insert;
    private readonly SqliteCommand _compactDelete;
    private readonly SqliteCommand _compactMark;
    private readonly Task _loop;
    private long _revision;
    private long _compactedRevision;

    private LogWriter(SqliteConnection connection, WatchHub hub, int maxBatchSize)
    {
        _connection = connection;
        _hub = hub;
        _maxBatchSize = maxBatchSize;
        _latest = _connection.Prepare(
            "SELECT id, name, created, deleted, create_revision, prev_revision, value FROM log WHERE name = $name ORDER BY id DESC LIMIT 1",
            "$name");
        _insert = _connection.Prepare(
            "INSERT INTO log (id, name, created, deleted, create_revision, prev_revision, value) VALUES ($id, $name, $created, $deleted, $create_revision, $prev_revision, $value)",
            "$id", "$name", "$created", "$deleted", "$create_revision", "$prev_revision", "$value");
        // Superseded rows are found through their successors: a row goes once something at or below the mark
        // replaced it; tombstones at or below the mark go too. The IN list is materialised before deleting.
        _compactDelete = _connection.Prepare("""
            DELETE FROM log WHERE id IN (
                SELECT prev_revision FROM log WHERE id > $low AND id <= $high AND prev_revision != 0
                UNION
                SELECT id FROM log WHERE id > $low AND id <= $high AND deleted != 0)
            """, "$low", "$high");
        _compactMark = _connection.Prepare(
            $"INSERT INTO meta (key, value) VALUES ('{SqliteSchema.CompactRevisionKey}', $value) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            "$value");

        using (var read = connection.CreateCommand())
        {
            read.CommandText = SqliteSchema.SelectCurrentRevision;
            _revision = read.ExecuteScalar() is long revision ? revision : 0;
            read.CommandText = SqliteSchema.SelectCompactRevision;
            _compactedRevision = read.ExecuteScalar() is long compacted ? compacted : 0;
        }
        _loop = Task.Run(RunAsync);
    }

    public long Revision => Volatile.Read(ref _revision);

    public long CompactedRevision => Volatile.Read(ref _compactedRevision);

    public static LogWriter Open(string connectionString, SqliteStoreOptions options, WatchHub hub)
    {
        var connection = new SqliteConnection(connectionString);
        try
        {
            connection.Open();
            using (var setup = connection.CreateCommand())
            {
                setup.CommandText = SqliteSchema.WriterPragmas(options.Synchronous);
                setup.ExecuteNonQuery();
                setup.CommandText = SqliteSchema.CreateTables;
                setup.ExecuteNonQuery();
            }
            return new LogWriter(connection, hub, options.MaxBatchSize);
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Queues a request. Once queued it will be attempted even if the caller stops waiting, so cancellation
    /// is honoured only before that point: a cancelled write must never have silently happened.
    /// </summary>
    public Task<T> EnqueueAsync<T>(WriteRequest<T> request, CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        if (!_queue.Writer.TryWrite(request))
            throw new ObjectDisposedException(nameof(SqliteStore));
        return request.Task;
    }

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _loop.ConfigureAwait(false); // drains whatever was queued before disposal
        _latest.Dispose();
        _insert.Dispose();
        _compactDelete.Dispose();
        _compactMark.Dispose();
        _connection.Dispose();
    }

    private async Task RunAsync()
    {
        var batch = new List<WriteRequest>(_maxBatchSize);
        var reader = _queue.Reader;
        while (await reader.WaitToReadAsync().ConfigureAwait(false))
        {
            // Let the work already queued on the thread pool (other requests on their way here) run before
            // taking the batch: under concurrent writers it joins this commit instead of paying for its own,
            // and an idle server loses only one thread-pool hop.
            await Task.Yield();
            while (batch.Count < _maxBatchSize && reader.TryRead(out var request))
                batch.Add(request);
            try
            {
                ProcessBatch(batch);
            }
            catch (Exception error)
            {
                // Requests already completed ignore this; the rest must not hang.
                foreach (var request in batch)
                    request.Fail(error);
            }
            batch.Clear();
        }
    }

    private void ProcessBatch(List<WriteRequest> batch)
    {
        var completions = new List<Action>(batch.Count);
        var events = new List<StoreEvent>(batch.Count);
        List<CheckpointRequest>? checkpoints = null;
        var revision = _revision;
        var compacted = _compactedRevision;

        try
        {
            using var tx = _connection.BeginTransaction();
            SetTransaction(tx);
            foreach (var request in batch)
            {
                switch (request)
                {
                    case MutationRequest mutation:
                        try
                        {
                            var change = Apply(mutation, ref revision);
                            events.Add(change);
                            var kv = change.Kv;
                            completions.Add(() => mutation.Complete(kv));
                        }
                        catch (Exception rejected) when (rejected is KeyExistsException or ConflictException or KeyNotFoundException)
                        {
                            completions.Add(() => mutation.Fail(rejected));
                        }
                        break;
                    case CompactStepRequest step:
                        compacted = CompactStep(step, compacted, revision);
                        var mark = compacted;
                        completions.Add(() => step.Complete(mark));
                        break;
                    case CheckpointRequest checkpoint:
                        (checkpoints ??= []).Add(checkpoint);
                        break;
                }
            }
            tx.Commit();
        }
        catch (Exception error)
        {
            // Disposing the uncommitted transaction rolled it back; nothing of this batch happened.
            foreach (var request in batch)
                request.Fail(error);
            return;
        }
        finally
        {
            SetTransaction(null);
        }

        Volatile.Write(ref _revision, revision);
        Volatile.Write(ref _compactedRevision, compacted);
        if (events.Count > 0)
            _hub.Publish(events);
        foreach (var complete in completions)
            complete();

        if (checkpoints is not null)
        {
            try
            {
                var truncated = Checkpoint();
                foreach (var checkpoint in checkpoints)
                    checkpoint.Complete(truncated);
            }
            catch (Exception error)
            {
                foreach (var checkpoint in checkpoints)
                    checkpoint.Fail(error);
            }
        }
    }

    private StoreEvent Apply(MutationRequest request, ref long revision)
    {
        var latest = ReadLatest(request.Key);
        var live = latest is { Deleted: false } ? latest.Value : (LogRow?)null;
        switch (request.Kind)
        {
            case MutationKind.Create:
            {
                if (live is not null)
                    throw new KeyExistsException(request.Key);
                var id = ++revision;
                // Re-creating after a delete points at the tombstone, keeping (name, prev_revision) unique.
                Insert(id, request.Key, created: true, deleted: false, id, latest?.Id ?? 0, request.Value);
                return new StoreEvent(StoreEventType.Put, new KeyValue(request.Key, request.Value, id, id), null);
            }
            case MutationKind.Update:
            {
                var current = live ?? throw NotFound(request.Key);
                if (current.Id != request.ExpectedModRevision)
                    throw new ConflictException(request.Key, current.ToKeyValue());
                var id = ++revision;
                Insert(id, request.Key, created: false, deleted: false, current.CreateRevision, current.Id, request.Value);
                return new StoreEvent(StoreEventType.Put,
                    new KeyValue(request.Key, request.Value, current.CreateRevision, id), current.ToKeyValue());
            }
            case MutationKind.Delete:
            {
                var current = live ?? throw NotFound(request.Key);
                if (request.ExpectedModRevision != 0 && current.Id != request.ExpectedModRevision)
                    throw new ConflictException(request.Key, current.ToKeyValue());
                var id = ++revision;
                Insert(id, request.Key, created: false, deleted: true, current.CreateRevision, current.Id, current.Value);
                return new StoreEvent(StoreEventType.Delete,
                    new KeyValue(request.Key, current.Value, current.CreateRevision, id), current.ToKeyValue());
            }
            default:
                throw new InvalidOperationException($"unknown mutation {request.Kind}");
        }
    }

    private static KeyNotFoundException NotFound(string key) => new($"key {key} not found");

    private long CompactStep(CompactStepRequest step, long compacted, long revision)
    {
        var high = Math.Min(Math.Min(step.Target, revision), compacted + step.MaxRevisions);
        if (high <= compacted)
            return compacted;
        _compactDelete.Parameters["$low"].Value = compacted;
        _compactDelete.Parameters["$high"].Value = high;
        _compactDelete.ExecuteNonQuery();
        _compactMark.Parameters["$value"].Value = high;
        _compactMark.ExecuteNonQuery();
        return high;
    }

    /// <summary>
    /// Folds the WAL back into the database file and truncates it. Readers may hold old snapshots; rather than
    /// stall writers waiting for them, give up quickly (the next checkpoint will finish the job).
    /// </summary>
    private bool Checkpoint()
    {
        using var command = _connection.CreateCommand();
        command.CommandText = $"PRAGMA busy_timeout = {CheckpointBusyTimeoutMs}";
        command.ExecuteNonQuery();
        try
        {
            command.CommandText = "PRAGMA wal_checkpoint(TRUNCATE)";
            using var reader = command.ExecuteReader();
            return reader.Read() && reader.GetInt64(0) == 0;
        }
        finally
        {
            command.CommandText = $"PRAGMA busy_timeout = {DefaultBusyTimeoutMs}";
            command.ExecuteNonQuery();
        }
    }

    private LogRow? ReadLatest(string key)
    {
        _latest.Parameters["$name"].Value = key;
        using var reader = _latest.ExecuteReader();
        return reader.Read() ? LogRow.Read(reader, 0) : null;
    }

    private void Insert(long id, string key, bool created, bool deleted, long createRevision, long prevRevision, byte[] value)
    {
        var p = _insert.Parameters;
        p["$id"].Value = id;
        p["$name"].Value = key;
        p["$created"].Value = created ? 1L : 0L;
        p["$deleted"].Value = deleted ? 1L : 0L;
        p["$create_revision"].Value = createRevision;
        p["$prev_revision"].Value = prevRevision;
        p["$value"].Value = value;
        _insert.ExecuteNonQuery();
    }

    private void SetTransaction(SqliteTransaction? tx)
    {
        _latest.Transaction = tx;
        _insert.Transaction = tx;
        _compactDelete.Transaction = tx;
        _compactMark.Transaction = tx;
    }
}
