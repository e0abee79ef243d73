using System.Collections.Concurrent;

namespace KubeSharp.Storage.Sqlite;

/// <summary>
/// A few read connections, separate from the writer's, so reads run against WAL snapshots and never queue
/// behind writes. Connections are opened lazily, up to the configured count.
/// </summary>
internal sealed class ReaderPool(string connectionString, int size) : IDisposable
{
    private readonly SemaphoreSlim _slots = new(size, size);
    private readonly ConcurrentBag<LogReader> _idle = [];
    private readonly ConcurrentBag<LogReader> _all = [];
    private int _disposed;

    /// <summary>Runs <paramref name="read"/> on a pooled connection.</summary>
    public async Task<T> ReadAsync<T>(Func<LogReader, T> read, CancellationToken ct)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, typeof(SqliteStore));
        await _slots.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, typeof(SqliteStore));
            if (!_idle.TryTake(out var reader))
            {
                reader = LogReader.Open(connectionString);
                _all.Add(reader);
            }
            try
            {
                return read(reader);
            }
            finally
            {
                _idle.Add(reader);
            }
        }
        finally
        {
            _slots.Release();
        }
    }

    /// <summary>Waits for in-flight reads to finish, then closes every connection.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
            return;
        for (var i = 0; i < size; i++)
            _slots.Wait();
        foreach (var reader in _all)
            reader.Dispose();
        _slots.Release(size); // late readers get in, see the pool disposed, and throw rather than hang

    }
}
