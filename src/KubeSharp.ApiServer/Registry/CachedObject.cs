using System.Text.Json;
using System.Text.Json.Nodes;
using KubeSharp.Api.Resources;

namespace KubeSharp.ApiServer.Registry;

/// <summary>
/// One stored object as the cache holds it: its JSON (with metadata.resourceVersion set from the store's mod
/// revision), so lists, GETs and watches write bytes without re-encoding, plus the few metadata fields that
/// selection needs. The parsed tree is built only when asked for (<see cref="Object"/>) and kept only as long as
/// the GC lets it: holding a tree per object cost several times the bytes, for trees most objects never need.
/// </summary>
public sealed class CachedObject
{
    readonly WeakReference<JsonObject>? _initial;
    WeakReference<JsonObject>? _parsed;

    public string Key { get; }
    public long Revision { get; }
    public byte[] Json { get; }
    public string Namespace { get; }
    public string Name { get; }

    /// <summary>metadata.labels (null when the object has none); shared, do not change it.</summary>
    public IReadOnlyDictionary<string, string>? Labels { get; }

    public CachedObject(string key, long revision, JsonObject obj)
    {
        Key = key;
        Revision = revision;
        var meta = obj["metadata"] as JsonObject;
        Namespace = meta?["namespace"]?.GetValue<string>() ?? "";
        Name = meta?["name"]?.GetValue<string>() ?? "";
        Labels = JsonMeta.Labels(obj);
        Json = JsonSerializer.SerializeToUtf8Bytes(obj);
        _initial = new WeakReference<JsonObject>(obj);
    }

    CachedObject(string key, long revision, byte[] json, StoredJson.MetaFields meta)
    {
        Key = key;
        Revision = revision;
        Json = json;
        Namespace = meta.Namespace;
        Name = meta.Name;
        Labels = meta.Labels;
    }

    /// <summary>A stored value as the cache holds it, normally without parsing it (see <see cref="StoredJson"/>).</summary>
    public static CachedObject FromStored(string key, ReadOnlyMemory<byte> value, long modRevision) =>
        StoredJson.TryWithRevision(value.Span, modRevision, out var json, out var meta)
            ? new CachedObject(key, modRevision, json, meta)
            : new CachedObject(key, modRevision, StoredJson.Parse(value.Span, modRevision));

    /// <summary>
    /// The parsed object, shared and read-only: never mutate it, clone it (or take <see cref="ParseCopy"/>) first.
    /// Parsed on first use and kept while something still holds it or until the next collection.
    /// </summary>
    public JsonObject Object
    {
        get
        {
            if (_parsed is not null && _parsed.TryGetTarget(out var cached)) return cached;
            if (_initial is not null && _initial.TryGetTarget(out cached)) return cached;
            var parsed = ParseCopy();
            _parsed = new WeakReference<JsonObject>(parsed);
            return parsed;
        }
    }

    /// <summary>A new, caller-owned copy of the object (cheaper than cloning <see cref="Object"/> when that is not parsed yet).</summary>
    public JsonObject ParseCopy() => (JsonObject)JsonNode.Parse(Json)!;
}
