using System.Collections.Immutable;
using System.Threading.Channels;

namespace KubeSharp.ApiServer.Registry;

/// <summary>One change as watchers see it.</summary>
public sealed record CacheEvent(string Type, CachedObject Object, CachedObject? Previous, long Revision);

/// <summary>A watcher's selection: which objects it may see.</summary>
public delegate bool ObjectFilter(CachedObject obj);

/// <summary>
/// The in-memory state of one resource (every object, in key order) and a ring of its recent events,
/// kept current by the <see cref="Cacher"/>. Lists and watches are served from here so that many
/// clients never each hit the store.
/// </summary>
public sealed class WatchCache
{
    readonly Lock _gate = new();
    readonly CacheEvent?[] _ring;
    int _ringStart, _ringCount;
    ImmutableSortedDictionary<string, CachedObject> _objects = ImmutableSortedDictionary<string, CachedObject>.Empty.WithComparers(StringComparer.Ordinal);
    readonly List<Subscriber> _subscribers = [];
    long _revision;
    // Every event after this revision is still in the ring: the fill revision, or the newest evicted event.
    long _historyStart;

    public WatchCache(string prefix, int capacity = 4096)
    {
        Prefix = prefix;
        _ring = new CacheEvent?[capacity];
    }

    public string Prefix { get; }

    /// <summary>Revision up to which this cache has applied events.</summary>
    public long Revision { get { lock (_gate) return _revision; } }

    public int Count => _objects.Count;

    /// <summary>Replaces the whole state (initial fill), at the revision it was read.</summary>
    public void Reset(IEnumerable<CachedObject> objects, long revision)
    {
        lock (_gate)
        {
            _objects = ImmutableSortedDictionary.CreateRange(StringComparer.Ordinal, objects.Select(o => KeyValuePair.Create(o.Key, o)));
            _revision = revision;
            _historyStart = revision;
            _ringStart = _ringCount = 0;
        }
    }

    public void Apply(CacheEvent ev)
    {
        lock (_gate)
        {
            if (ev.Revision <= _revision) return;
            _objects = ev.Type == "DELETED" ? _objects.Remove(ev.Object.Key) : _objects.SetItem(ev.Object.Key, ev.Object);
            _revision = ev.Revision;
            if (_ringCount == _ring.Length)
            {
                // The oldest event leaves the ring: history is complete only after its revision now.
                _historyStart = _ring[_ringStart]!.Revision;
                _ringStart = (_ringStart + 1) % _ring.Length;
                _ringCount--;
            }
            _ring[(_ringStart + _ringCount) % _ring.Length] = ev;
            _ringCount++;
            for (var i = _subscribers.Count - 1; i >= 0; i--)
            {
                if (!_subscribers[i].Offer(ev)) _subscribers.RemoveAt(i);
            }
        }
    }

    /// <summary>Marks the cache as having seen every change up to <paramref name="revision"/> (no event of its own).</summary>
    public void Advance(long revision)
    {
        lock (_gate) if (revision > _revision) _revision = revision;
    }

    public CachedObject? Get(string key) => _objects.GetValueOrDefault(key);

    /// <summary>A consistent snapshot of the objects under a key prefix and the revision it reflects.</summary>
    public (IReadOnlyList<CachedObject> Items, long Revision) Snapshot(string keyPrefix, string? startAfter, ObjectFilter? filter, int limit, out bool more)
    {
        ImmutableSortedDictionary<string, CachedObject> objects;
        long rev;
        lock (_gate) { objects = _objects; rev = _revision; }
        var items = new List<CachedObject>();
        more = false;
        foreach (var (key, obj) in objects)
        {
            if (!key.StartsWith(keyPrefix, StringComparison.Ordinal)) continue;
            if (startAfter is not null && string.CompareOrdinal(key, startAfter) <= 0) continue;
            if (filter is not null && !filter(obj)) continue;
            if (limit > 0 && items.Count == limit) { more = true; break; }
            items.Add(obj);
        }
        return (items, rev);
    }

    /// <summary>
    /// Starts a watch. With <paramref name="afterRevision"/> null the watcher first gets the current objects as
    /// ADDED; otherwise every event after that revision (410 if the ring no longer holds them), then live events.
    /// </summary>
    public Subscriber Subscribe(long? afterRevision, ObjectFilter filter, int buffer = 1024)
    {
        var sub = new Subscriber(filter, buffer);
        lock (_gate)
        {
            if (afterRevision is null)
            {
                foreach (var obj in _objects.Values)
                    if (filter(obj)) sub.Initial(new CacheEvent("ADDED", obj, null, obj.Revision));
            }
            else if (afterRevision.Value < _revision)
            {
                if (afterRevision.Value < _historyStart)
                    throw Api.Errors.StatusError.Gone($"too old resource version: {afterRevision.Value} ({_historyStart})");
                for (var i = 0; i < _ringCount; i++)
                {
                    var ev = _ring[(_ringStart + i) % _ring.Length]!;
                    if (ev.Revision > afterRevision.Value) sub.Initial(ev);
                }
            }
            sub.StartRevision = _revision;
            _subscribers.Add(sub);
        }
        return sub;
    }

    public void Unsubscribe(Subscriber sub)
    {
        lock (_gate) _subscribers.Remove(sub);
        sub.Close();
    }

    /// <summary>One watcher's queue. Events are translated for its filter (an object leaving the selection becomes DELETED).</summary>
    public sealed class Subscriber
    {
        readonly ObjectFilter _filter;
        readonly Channel<CacheEvent> _channel;

        internal Subscriber(ObjectFilter filter, int buffer)
        {
            _filter = filter;
            _channel = Channel.CreateBounded<CacheEvent>(new BoundedChannelOptions(buffer) { SingleReader = true, SingleWriter = true, FullMode = BoundedChannelFullMode.Wait });
        }

        public long StartRevision { get; internal set; }

        /// <summary>True if the watcher fell too far behind and was ended; the client must re-watch.</summary>
        public bool Overflowed { get; private set; }

        public ChannelReader<CacheEvent> Reader => _channel.Reader;

        // The initial replay may exceed the live buffer; it is written before the subscriber is visible to Apply.
        readonly Queue<CacheEvent> _initial = new();
        internal void Initial(CacheEvent ev)
        {
            var translated = Translate(ev);
            if (translated is not null) _initial.Enqueue(translated);
        }

        public IEnumerable<CacheEvent> DrainInitial()
        {
            while (_initial.TryDequeue(out var ev)) yield return ev;
        }

        internal bool Offer(CacheEvent ev)
        {
            var translated = Translate(ev);
            if (translated is null) return true;
            if (_channel.Writer.TryWrite(translated)) return true;
            Overflowed = true;
            _channel.Writer.TryComplete();
            return false;
        }

        internal void Close() => _channel.Writer.TryComplete();

        CacheEvent? Translate(CacheEvent ev)
        {
            var now = ev.Type != "DELETED" && _filter(ev.Object);
            var before = ev.Previous is not null && _filter(ev.Previous);
            return ev.Type switch
            {
                "DELETED" => (ev.Previous is null ? _filter(ev.Object) : before) ? ev : null,
                _ when now && before => ev with { Type = "MODIFIED" },
                _ when now => ev with { Type = "ADDED" },
                _ when before => new CacheEvent("DELETED", ev.Object, ev.Previous, ev.Revision),
                _ => null,
            };
        }
    }
}
