using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;

namespace KubeSharp.Storage.Sqlite;

/// <summary>
/// <see cref="IStore"/> on an embedded SQLite file, in the manner of k3s's kine: an append-only log whose row
/// id is the revision. Writes funnel through one writer loop that group-commits; reads use a small pool of
/// separate connections and WAL snapshots; watchers replay the log and then receive committed events in
/// process, never polling the database.
/// </summary>
public sealed class SqliteStore : IStore
{
    private readonly LogWriter _writer;
    private readonly ReaderPool _readers;
    private readonly WatchHub _hub;
    private readonly SqliteStoreOptions _options;
    private readonly ITimer? _checkpointTimer;
    private int _disposed;

    private SqliteStore(LogWriter writer, ReaderPool readers, WatchHub hub, SqliteStoreOptions options, TimeProvider time)
    {
        _writer = writer;
        _readers = readers;
        _hub = hub;
        _options = options;
        if (options.CheckpointInterval > TimeSpan.Zero)
            _checkpointTimer = time.CreateTimer(_ => CheckpointInBackground(), null, options.CheckpointInterval, options.CheckpointInterval);
    }

    /// <summary>Opens (creating if needed) the store in the SQLite file at <paramref name="path"/>.</summary>
    public static Task<SqliteStore> OpenAsync(string path, TimeProvider? time = null, CancellationToken ct = default) =>
        OpenAsync(path, new SqliteStoreOptions(), time, ct);

    /// <inheritdoc cref="OpenAsync(string, TimeProvider?, CancellationToken)"/>
    public static Task<SqliteStore> OpenAsync(string path, SqliteStoreOptions options, TimeProvider? time = null, CancellationToken ct = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        ct.ThrowIfCancellationRequested();

        var directory = Path.GetDirectoryName(Path.GetFullPath(path));
        if (!string.IsNullOrEmpty(directory))
            Directory.CreateDirectory(directory);

        // Pooling off: this class owns its connections, and closing must really release the file.
        var connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Cache = SqliteCacheMode.Private,
            Pooling = false,
        }.ToString();

        var hub = new WatchHub(options.WatchBufferSize);
        var writer = LogWriter.Open(connectionString, options, hub); // creates the schema before any reader opens
        var readers = new ReaderPool(connectionString, options.ReadConnections);
        return Task.FromResult(new SqliteStore(writer, readers, hub, options, time ?? TimeProvider.System));
    }

    public long CurrentRevision => _writer.Revision;

    public long CompactedRevision => _writer.CompactedRevision;

    public Task<KeyValue?> GetAsync(string key, CancellationToken ct = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        return _readers.ReadAsync(reader => reader.Get(key), ct);
    }

    public async Task<RangeResult> RangeAsync(string prefix, long revision = 0, int limit = 0, string? startAfter = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(prefix);
        ArgumentOutOfRangeException.ThrowIfNegative(revision);
        ArgumentOutOfRangeException.ThrowIfNegative(limit);
        var range = KeyRange.ForPrefix(prefix);
        while (true)
        {
            var current = _writer.Revision;
            if (revision > current)
                throw new ArgumentOutOfRangeException(nameof(revision), revision, $"revision {revision} is in the future (current revision {current})");
            var at = revision == 0 ? current : revision;
            try
            {
                return await _readers.ReadAsync(reader => reader.Range(range, at, limit, startAfter), ct).ConfigureAwait(false);
            }
            catch (CompactedException) when (revision == 0)
            {
                // A compaction raced past the revision we sampled; the newest state is still there, so sample again.
            }
        }
    }

    public Task<KeyValue> CreateAsync(string key, ReadOnlyMemory<byte> value, CancellationToken ct = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        return _writer.EnqueueAsync(new MutationRequest(MutationKind.Create, key, value.ToArray(), 0), ct);
    }

    public Task<KeyValue> UpdateAsync(string key, ReadOnlyMemory<byte> value, long expectedModRevision, CancellationToken ct = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        return _writer.EnqueueAsync(new MutationRequest(MutationKind.Update, key, value.ToArray(), expectedModRevision), ct);
    }

    public Task<KeyValue> DeleteAsync(string key, long expectedModRevision = 0, CancellationToken ct = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        return _writer.EnqueueAsync(new MutationRequest(MutationKind.Delete, key, [], expectedModRevision), ct);
    }

    /// <summary>
    /// Replays the log after <paramref name="afterRevision"/>, then streams live events. Ends with
    /// <see cref="WatchOverflowException"/> if the consumer lets <see cref="SqliteStoreOptions.WatchBufferSize"/>
    /// live events pile up, with <see cref="CompactedException"/> if compaction overtakes the replay, and
    /// quietly when the store is disposed.
    /// </summary>
    public async IAsyncEnumerable<StoreEvent> WatchAsync(string prefix, long afterRevision, [EnumeratorCancellation] CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(prefix);
        ArgumentOutOfRangeException.ThrowIfNegative(afterRevision);
        var range = KeyRange.ForPrefix(prefix);

        // Catch up first without a subscription, so a long replay cannot overflow a live buffer...
        var replayedThrough = afterRevision;
        var upto = _writer.Revision;
        await foreach (var e in ReplayAsync(range, replayedThrough, upto, ct).ConfigureAwait(false))
            yield return e;
        replayedThrough = Math.Max(replayedThrough, upto);

        // ...then subscribe, and replay what committed meanwhile. The writer advances the revision before it
        // publishes, so anything published before we subscribed is at or below the revision read after it:
        // replay covers it and live events at or below it are duplicates to skip.
        using var subscription = _hub.Subscribe(prefix);
        upto = _writer.Revision;
        await foreach (var e in ReplayAsync(range, replayedThrough, upto, ct).ConfigureAwait(false))
            yield return e;
        replayedThrough = Math.Max(replayedThrough, upto);

        var last = replayedThrough;
        await foreach (var e in subscription.Reader.ReadAllAsync(ct).ConfigureAwait(false))
        {
            if (e.Revision <= last)
                continue;
            last = e.Revision;
            yield return e;
        }
        if (subscription.Overflowed)
            throw new WatchOverflowException(prefix, last);
    }

    /// <summary>
    /// Discards history at and below <paramref name="revision"/> in short writer transactions, so writes interleave
    /// with a long compaction; then checkpoints the WAL. Compacting at or below the current mark is a no-op.
    /// </summary>
    public async Task CompactAsync(long revision, CancellationToken ct = default)
    {
        var current = _writer.Revision;
        if (revision > current)
            throw new ArgumentOutOfRangeException(nameof(revision), revision, $"revision {revision} is in the future (current revision {current})");
        var mark = _writer.CompactedRevision;
        while (mark < revision)
        {
            var next = await _writer.EnqueueAsync(new CompactStepRequest(revision, _options.CompactBatchRevisions), ct).ConfigureAwait(false);
            if (next <= mark)
                break;
            mark = next;
        }
        await CheckpointAsync(ct).ConfigureAwait(false);
    }

    /// <summary>
    /// Folds the WAL into the database file and truncates it; false if readers kept it from finishing (it is
    /// retried at the next checkpoint).
    /// </summary>
    public Task<bool> CheckpointAsync(CancellationToken ct = default) => _writer.EnqueueAsync(new CheckpointRequest(), ct);

    /// <summary>Finishes queued writes, ends live watches, and closes every connection.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
            return;
        if (_checkpointTimer is not null)
            await _checkpointTimer.DisposeAsync().ConfigureAwait(false);
        await _writer.DisposeAsync().ConfigureAwait(false);
        _hub.Close();
        _readers.Dispose();
    }

    private async IAsyncEnumerable<StoreEvent> ReplayAsync(KeyRange range, long after, long upto, [EnumeratorCancellation] CancellationToken ct)
    {
        var pageSize = _options.ReplayPageSize;
        while (true)
        {
            var from = after;
            var page = await _readers.ReadAsync(reader => reader.Events(range, from, upto, pageSize), ct).ConfigureAwait(false);
            foreach (var e in page)
                yield return e;
            if (page.Count < pageSize)
                yield break;
            after = page[^1].Revision;
        }
    }

    private void CheckpointInBackground()
    {
        try
        {
            // A failed periodic checkpoint is harmless (the next one retries); observe it so it is not reported as unobserved.
            _ = CheckpointAsync().ContinueWith(t => _ = t.Exception, CancellationToken.None,
                TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        }
        catch (ObjectDisposedException)
        {
            // The store is closing.
        }
    }
}
