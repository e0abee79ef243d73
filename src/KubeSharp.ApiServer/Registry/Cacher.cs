using System.Collections.Concurrent;
using KubeSharp.Storage;
using Microsoft.Extensions.Logging;

namespace KubeSharp.ApiServer.Registry;

/// <summary>
/// Keeps one <see cref="WatchCache"/> per resource prefix current from a single watch on the whole
/// store, so that the store has one watcher however many clients watch, and so that "the cache has seen
/// revision R" is one number for every resource (lists wait for it to give read-your-writes).
/// </summary>
public sealed class Cacher : IAsyncDisposable
{
    public const string Root = "/registry/";

    readonly IStore _store;
    readonly ILogger _log;
    readonly ConcurrentDictionary<string, WatchCache> _caches = new(StringComparer.Ordinal);
    readonly CancellationTokenSource _stop = new();
    readonly Lock _gate = new();
    readonly SemaphoreSlim _apply = new(1, 1);
    readonly List<(long Revision, TaskCompletionSource Done)> _waiters = [];
    long _observed;
    Task? _loop;

    public Cacher(IStore store, ILogger log)
    {
        _store = store;
        _log = log;
    }

    public long ObservedRevision => Interlocked.Read(ref _observed);

    public async Task StartAsync(CancellationToken ct)
    {
        _observed = _store.CurrentRevision;
        var ready = new TaskCompletionSource();
        _loop = Task.Run(() => RunAsync(ready, _stop.Token), CancellationToken.None);
        await ready.Task.WaitAsync(ct);
    }

    /// <summary>The cache for a resource prefix (e.g. "/registry/apps/deployments/"), filled from the store on first use.</summary>
    public async Task<WatchCache> ForPrefixAsync(string prefix, CancellationToken ct)
    {
        if (_caches.TryGetValue(prefix, out var existing)) return existing;
        // The dispatcher holds this semaphore while it applies an event, so the fill below reads the store at
        // exactly the revision the dispatcher has reached, and no event falls between the two.
        await _apply.WaitAsync(ct);
        try
        {
            if (_caches.TryGetValue(prefix, out existing)) return existing;
            var rev = ObservedRevision;
            var result = await _store.RangeAsync(prefix, rev, 0, null, ct);
            var cache = new WatchCache(prefix);
            cache.Reset(result.Items.Select(kv => CachedObject.FromStored(kv.Key, kv.Value, kv.ModRevision)), rev);
            _caches[prefix] = cache;
            return cache;
        }
        finally { _apply.Release(); }
    }

    public bool TryGetCache(string prefix, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out WatchCache? cache) =>
        _caches.TryGetValue(prefix, out cache);

    /// <summary>Completes once every write up to <paramref name="revision"/> is visible in the caches.</summary>
    public Task WaitForRevisionAsync(long revision, CancellationToken ct)
    {
        if (ObservedRevision >= revision) return Task.CompletedTask;
        var tcs = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_gate)
        {
            if (ObservedRevision >= revision) return Task.CompletedTask;
            _waiters.Add((revision, tcs));
        }
        return tcs.Task.WaitAsync(TimeSpan.FromSeconds(10), ct);
    }

    /// <summary>Waits until the caches reflect every write the store has acknowledged so far.</summary>
    public Task WaitForFreshAsync(CancellationToken ct) => WaitForRevisionAsync(_store.CurrentRevision, ct);

    async Task RunAsync(TaskCompletionSource ready, CancellationToken ct)
    {
        var after = ObservedRevision;
        var first = true;
        while (!ct.IsCancellationRequested)
        {
            try
            {
                var stream = _store.WatchAsync(Root, after, ct);
                if (first) { ready.TrySetResult(); first = false; }
                await foreach (var ev in stream.WithCancellation(ct))
                {
                    await _apply.WaitAsync(ct);
                    try
                    {
                        var prefix = PrefixOf(ev.Kv.Key);
                        if (prefix is not null && _caches.TryGetValue(prefix, out var cache))
                            cache.Apply(ToCacheEvent(ev, cache));
                        after = ev.Revision;
                        Observe(after);
                    }
                    finally { _apply.Release(); }
                }
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested) { return; }
            catch (Exception e)
            {
                _log.LogWarning(e, "store watch ended; restarting from revision {Revision}", after);
                if (e is CompactedException) ResetAll();
                await Task.Delay(100, ct).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
        }
    }

    void ResetAll()
    {
        // Fell behind compaction: drop the caches; they refill from the store on next use.
        _caches.Clear();
    }

    void Observe(long revision)
    {
        Interlocked.Exchange(ref _observed, revision);
        List<TaskCompletionSource>? done = null;
        lock (_gate)
        {
            for (var i = _waiters.Count - 1; i >= 0; i--)
            {
                if (_waiters[i].Revision > revision) continue;
                (done ??= []).Add(_waiters[i].Done);
                _waiters.RemoveAt(i);
            }
        }
        if (done is not null) foreach (var d in done) d.TrySetResult();
        // Enumerated in place: Values would copy the dictionary into a new list on every event.
        foreach (var (_, cache) in _caches) cache.Advance(revision);
    }

    static CacheEvent ToCacheEvent(StoreEvent ev, WatchCache cache)
    {
        var obj = CachedObject.FromStored(ev.Kv.Key, ev.Kv.Value, ev.Kv.ModRevision);
        var prev = ev.PrevKv is null ? null : Previous(ev.PrevKv, cache);
        var type = ev.Type == StoreEventType.Delete ? "DELETED" : prev is null ? "ADDED" : "MODIFIED";
        return new CacheEvent(type, obj, prev, ev.Revision);
    }

    /// <summary>The value an event replaced: normally the very entry the cache holds for that key and revision.</summary>
    static CachedObject Previous(KeyValue prev, WatchCache cache) =>
        cache.Get(prev.Key) is { } held && held.Revision == prev.ModRevision
            ? held
            : CachedObject.FromStored(prev.Key, prev.Value, prev.ModRevision);

    /// <summary>"/registry/apps/deployments/ns/name" → "/registry/apps/deployments/".</summary>
    public static string? PrefixOf(string key)
    {
        if (!key.StartsWith(Root, StringComparison.Ordinal)) return null;
        var first = key.IndexOf('/', Root.Length);
        if (first < 0) return null;
        var second = key.IndexOf('/', first + 1);
        return second < 0 ? null : key[..(second + 1)];
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        if (_loop is not null) await _loop.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        _stop.Dispose();
    }
}
