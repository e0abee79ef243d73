using System.Text.Json.Nodes;
using KubeSharp.Api.Resources;

namespace KubeSharp.Client.Cache;

/// <summary>Computes the index values of an object (none, one or several), e.g. its node name.</summary>
public delegate IEnumerable<string> IndexFunc(JsonObject obj);

/// <summary>
/// Objects keyed by <see cref="NamespacedName"/> with named secondary indexes, safe for concurrent readers.
/// Objects are stored as given and handed out as is: callers must not change them.
/// </summary>
public sealed class IndexedStore
{
    /// <summary>The index every store keeps: objects by namespace.</summary>
    public const string NamespaceIndex = "namespace";

    readonly Lock _lock = new();
    readonly Dictionary<NamespacedName, JsonObject> _items = [];
    readonly Dictionary<string, IndexFunc> _indexers = new(StringComparer.Ordinal);
    readonly Dictionary<string, Dictionary<string, HashSet<NamespacedName>>> _indices = new(StringComparer.Ordinal);

    public IndexedStore() => AddIndexer(NamespaceIndex, obj => [JsonMeta.Namespace(obj) ?? ""]);

    public int Count { get { lock (_lock) return _items.Count; } }

    /// <summary>Adds an index; existing objects are indexed at once. Names are unique.</summary>
    public void AddIndexer(string name, IndexFunc index)
    {
        lock (_lock)
        {
            if (!_indexers.TryAdd(name, index)) throw new ArgumentException($"indexer \"{name}\" already exists", nameof(name));
            var values = new Dictionary<string, HashSet<NamespacedName>>(StringComparer.Ordinal);
            _indices[name] = values;
            foreach (var (key, obj) in _items) IndexOne(values, index, key, obj);
        }
    }

    public JsonObject? Get(NamespacedName key)
    {
        lock (_lock) return _items.GetValueOrDefault(key);
    }

    public IReadOnlyList<JsonObject> List()
    {
        lock (_lock) return [.. _items.Values];
    }

    public IReadOnlyList<NamespacedName> Keys()
    {
        lock (_lock) return [.. _items.Keys];
    }

    /// <summary>Objects whose index <paramref name="indexName"/> yields <paramref name="value"/>.</summary>
    public IReadOnlyList<JsonObject> ByIndex(string indexName, string value)
    {
        lock (_lock)
        {
            if (!_indices.TryGetValue(indexName, out var values)) throw new ArgumentException($"no indexer \"{indexName}\"", nameof(indexName));
            return values.TryGetValue(value, out var keys) ? [.. keys.Select(k => _items[k])] : [];
        }
    }

    /// <summary>The values an index currently holds.</summary>
    public IReadOnlyList<string> IndexValues(string indexName)
    {
        lock (_lock)
        {
            if (!_indices.TryGetValue(indexName, out var values)) throw new ArgumentException($"no indexer \"{indexName}\"", nameof(indexName));
            return [.. values.Keys];
        }
    }

    /// <summary>Stores <paramref name="obj"/> and returns what it replaced.</summary>
    public JsonObject? Upsert(JsonObject obj)
    {
        var key = JsonMeta.Key(obj);
        lock (_lock)
        {
            var old = _items.GetValueOrDefault(key);
            if (old is not null) Unindex(key, old);
            _items[key] = obj;
            foreach (var (name, index) in _indexers) IndexOne(_indices[name], index, key, obj);
            return old;
        }
    }

    /// <summary>Removes the object under <paramref name="key"/> and returns it.</summary>
    public JsonObject? Delete(NamespacedName key)
    {
        lock (_lock)
        {
            if (!_items.Remove(key, out var old)) return null;
            Unindex(key, old);
            return old;
        }
    }

    void Unindex(NamespacedName key, JsonObject obj)
    {
        foreach (var (name, index) in _indexers)
        {
            var values = _indices[name];
            foreach (var v in SafeIndex(index, obj))
                if (values.TryGetValue(v, out var keys) && keys.Remove(key) && keys.Count == 0)
                    values.Remove(v);
        }
    }

    static void IndexOne(Dictionary<string, HashSet<NamespacedName>> values, IndexFunc index, NamespacedName key, JsonObject obj)
    {
        foreach (var v in SafeIndex(index, obj))
        {
            if (!values.TryGetValue(v, out var keys)) values[v] = keys = [];
            keys.Add(key);
        }
    }

    // A throwing index function must not corrupt the store; the object is then simply not indexed.
    static IEnumerable<string> SafeIndex(IndexFunc index, JsonObject obj)
    {
        try { return index(obj).Distinct(StringComparer.Ordinal).ToList(); }
        catch (Exception) { return []; }
    }
}
