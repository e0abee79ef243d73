using System.Text.Json;
using System.Text.Json.Nodes;

namespace KubeSharp.ApiServer.Registry;

/// <summary>
/// One stored object as the cache holds it: parsed once (with metadata.resourceVersion set from the
/// store's mod revision) and serialized once, so lists and watches write bytes without re-encoding.
/// The JsonObject is shared and must never be mutated: clone it first.
/// </summary>
public sealed class CachedObject
{
    public string Key { get; }
    public long Revision { get; }
    public JsonObject Object { get; }
    public byte[] Json { get; }
    public string Namespace { get; }
    public string Name { get; }

    public CachedObject(string key, long revision, JsonObject obj)
    {
        Key = key;
        Revision = revision;
        Object = obj;
        var meta = obj["metadata"] as JsonObject;
        Namespace = meta?["namespace"]?.GetValue<string>() ?? "";
        Name = meta?["name"]?.GetValue<string>() ?? "";
        Json = JsonSerializer.SerializeToUtf8Bytes(obj);
    }

    public static CachedObject FromStored(string key, ReadOnlyMemory<byte> value, long modRevision)
    {
        var obj = (JsonObject)JsonNode.Parse(value.Span)!;
        ObjectMetaAccess.SetResourceVersion(obj, modRevision);
        return new CachedObject(key, modRevision, obj);
    }

    public IReadOnlyDictionary<string, string>? Labels => ObjectMetaAccess.Labels(Object);
}
