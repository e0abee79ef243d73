using System.Collections.Immutable;
using System.Text.Json.Nodes;
using System.Threading.Channels;
using KubeSharp.Api.Resources;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace KubeSharp.Client.Cache;

/// <summary>
/// A local cache of one resource kept current by list and watch, with indexes and ordered change
/// notifications. Cached objects are shared by every reader and handler and must be treated as
/// immutable: <c>DeepClone()</c> an object before changing it. Run it once with <see cref="RunAsync"/>;
/// cancelling that call stops the watch, the resync timer and the notifications.
/// </summary>
public sealed class Informer : IReflectorSink
{
    enum Change { Add, Update, Delete, Synced }

    sealed record Notification(Change Change, JsonObject? Old, JsonObject? New, ImmutableArray<ResourceEventHandler> Handlers);

    readonly IApiClient _api;
    readonly TimeProvider _time;
    readonly InformerOptions _options;
    readonly ILogger _logger;
    readonly IndexedStore _store = new();
    readonly Reflector _reflector;
    readonly Lock _gate = new();
    readonly Channel<Notification> _notifications = Channel.CreateUnbounded<Notification>(new() { SingleReader = true });
    readonly TaskCompletionSource _synced = new(TaskCreationOptions.RunContinuationsAsynchronously);
    ImmutableArray<ResourceEventHandler> _handlers = [];
    bool _listed;
    int _started;

    public Informer(IApiClient api, GroupVersionResource resource, TimeProvider time, InformerOptions? options = null, ILogger? logger = null)
    {
        _api = api;
        _time = time;
        _options = options ?? new InformerOptions();
        _logger = logger ?? NullLogger.Instance;
        Resource = resource;
        Lister = new Lister(_store);
        _reflector = new Reflector(_api, resource, _options, time, this, _logger);
    }

    public GroupVersionResource Resource { get; }

    public Lister Lister { get; }

    /// <summary>True once the first list is in the cache and its notifications have been delivered.</summary>
    public bool HasSynced => _synced.Task.IsCompleted;

    public string LastSyncResourceVersion => _reflector.LastSyncResourceVersion;

    public Task WaitForSyncAsync(CancellationToken ct = default) => _synced.Task.WaitAsync(ct);

    /// <summary>
    /// Adds an index. The index function sees cached objects; it must not change them. Indexes added
    /// after the informer started are built from the current cache at once.
    /// </summary>
    public void AddIndexer(string name, IndexFunc index) => _store.AddIndexer(name, index);

    /// <summary>Adds an index yielding at most one value per object (null for none).</summary>
    public void AddIndexer(string name, Func<JsonObject, string?> index) =>
        _store.AddIndexer(name, obj => index(obj) is { } value ? [value] : []);

    public IReadOnlyList<JsonObject> ByIndex(string indexName, string value) => _store.ByIndex(indexName, value);

    /// <summary>
    /// Registers callbacks. A handler added after the cache filled first receives an OnAdd for every
    /// cached object, then the changes that follow. Dispose the result to unregister.
    /// </summary>
    public IDisposable AddEventHandler(ResourceEventHandler handler)
    {
        lock (_gate)
        {
            _handlers = _handlers.Add(handler);
            ImmutableArray<ResourceEventHandler> only = [handler];
            foreach (var obj in _store.List()) Enqueue(new Notification(Change.Add, null, obj, only));
        }
        return new Registration(this, handler);
    }

    public IDisposable AddEventHandler(Action<JsonObject>? onAdd = null, Action<JsonObject, JsonObject>? onUpdate = null, Action<JsonObject>? onDelete = null) =>
        AddEventHandler(new ResourceEventHandler { OnAdd = onAdd, OnUpdate = onUpdate, OnDelete = onDelete });

    sealed class Registration(Informer informer, ResourceEventHandler handler) : IDisposable
    {
        public void Dispose()
        {
            lock (informer._gate) informer._handlers = informer._handlers.Remove(handler);
        }
    }

    /// <summary>Runs until <paramref name="ct"/> is cancelled. An informer runs once.</summary>
    public async Task RunAsync(CancellationToken ct)
    {
        if (Interlocked.Exchange(ref _started, 1) != 0) throw new InvalidOperationException($"informer for {Resource} already started");
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var dispatch = DispatchAsync(stop.Token);
        var resync = _options.ResyncPeriod is { } period && period > TimeSpan.Zero ? ResyncAsync(period, stop.Token) : Task.CompletedTask;
        try
        {
            await _reflector.RunAsync(stop.Token);
        }
        finally
        {
            await stop.CancelAsync();
            await Task.WhenAll(dispatch, resync).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    void Enqueue(Notification n) => _notifications.Writer.TryWrite(n);

    void IReflectorSink.Replace(IReadOnlyList<JsonObject> items, string resourceVersion)
    {
        lock (_gate)
        {
            var seen = new HashSet<NamespacedName>();
            foreach (var obj in items)
            {
                seen.Add(JsonMeta.Key(obj));
                var old = _store.Get(JsonMeta.Key(obj));
                // Unchanged objects stay as they are: a relist reports only what it finds different.
                if (old is not null && JsonMeta.ResourceVersion(old) == JsonMeta.ResourceVersion(obj)) continue;
                _store.Upsert(obj);
                Enqueue(old is null ? new Notification(Change.Add, null, obj, _handlers) : new Notification(Change.Update, old, obj, _handlers));
            }
            foreach (var key in _store.Keys())
            {
                if (seen.Contains(key)) continue;
                if (_store.Delete(key) is { } gone) Enqueue(new Notification(Change.Delete, gone, gone, _handlers));
            }
            if (!_listed)
            {
                _listed = true;
                Enqueue(new Notification(Change.Synced, null, null, []));
            }
        }
    }

    void IReflectorSink.Upsert(JsonObject obj)
    {
        lock (_gate)
        {
            var old = _store.Upsert(obj);
            Enqueue(old is null ? new Notification(Change.Add, null, obj, _handlers) : new Notification(Change.Update, old, obj, _handlers));
        }
    }

    void IReflectorSink.Delete(JsonObject obj)
    {
        lock (_gate)
        {
            var old = _store.Delete(JsonMeta.Key(obj));
            Enqueue(new Notification(Change.Delete, old, obj, _handlers));
        }
    }

    async Task ResyncAsync(TimeSpan period, CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            try { await Task.Delay(period, _time, ct); }
            catch (OperationCanceledException) { return; }
            lock (_gate)
                foreach (var obj in _store.List())
                    Enqueue(new Notification(Change.Update, obj, obj, _handlers));
        }
    }

    async Task DispatchAsync(CancellationToken ct)
    {
        var reader = _notifications.Reader;
        try
        {
            while (await reader.WaitToReadAsync(ct))
                while (reader.TryRead(out var n))
                {
                    if (n.Change == Change.Synced)
                    {
                        _synced.TrySetResult();
                        continue;
                    }
                    foreach (var handler in n.Handlers) Deliver(handler, n);
                }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested) { }
    }

    void Deliver(ResourceEventHandler handler, Notification n)
    {
        try
        {
            switch (n.Change)
            {
                case Change.Add: handler.OnAdd?.Invoke(n.New!); break;
                case Change.Update: handler.OnUpdate?.Invoke(n.Old!, n.New!); break;
                case Change.Delete: handler.OnDelete?.Invoke(n.New ?? n.Old!); break;
            }
        }
        catch (Exception e)
        {
            _logger.HandlerFailed(Resource, e);
        }
    }
}
