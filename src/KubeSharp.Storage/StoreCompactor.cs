namespace KubeSharp.Storage;

/// <summary>Settings of <see cref="StoreCompactor"/>.</summary>
public sealed record StoreCompactorOptions
{
    /// <summary>Time between compactions (the API server's default is five minutes).</summary>
    public TimeSpan Interval { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>Revisions of history kept behind the current revision, for watchers that resume a little late.</summary>
    public long RetainedRevisions { get; init; } = 1000;

    /// <summary>Told about a failed compaction; the compactor carries on and tries again next interval.</summary>
    public Action<Exception>? OnError { get; init; }
}

/// <summary>
/// Compacts a store periodically to its current revision minus <see cref="StoreCompactorOptions.RetainedRevisions"/>.
/// Works with any <see cref="IStore"/>; time comes from the injected <see cref="TimeProvider"/>.
/// </summary>
public sealed class StoreCompactor : IAsyncDisposable
{
    private readonly IStore _store;
    private readonly StoreCompactorOptions _options;
    private readonly TimeProvider _time;
    private readonly CancellationTokenSource _stopping = new();
    private Task? _loop;
    private int _disposed;

    public StoreCompactor(IStore store, StoreCompactorOptions? options = null, TimeProvider? time = null)
    {
        _store = store ?? throw new ArgumentNullException(nameof(store));
        _options = options ?? new StoreCompactorOptions();
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(_options.Interval, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfNegative(_options.RetainedRevisions);
        _time = time ?? TimeProvider.System;
    }

    /// <summary>Starts compacting every interval in the background, until disposed.</summary>
    public void Start()
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        if (_loop is not null)
            throw new InvalidOperationException("the compactor is already started");
        _loop = Task.Run(() => RunAsync(_stopping.Token));
    }

    /// <summary>
    /// Compacts once if there is history to discard; returns the revision compacted to, or null if there was nothing to do.
    /// </summary>
    public async Task<long?> CompactOnceAsync(CancellationToken ct = default)
    {
        var target = _store.CurrentRevision - _options.RetainedRevisions;
        if (target <= _store.CompactedRevision)
            return null;
        await _store.CompactAsync(target, ct).ConfigureAwait(false);
        return target;
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
            return;
        await _stopping.CancelAsync().ConfigureAwait(false);
        if (_loop is not null)
            await _loop.ConfigureAwait(false);
        _stopping.Dispose();
    }

    private async Task RunAsync(CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(_options.Interval, _time, ct).ConfigureAwait(false);
                await CompactOnceAsync(ct).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                return;
            }
            catch (Exception error)
            {
                _options.OnError?.Invoke(error);
            }
        }
    }
}
