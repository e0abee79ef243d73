using System.Text.Json.Nodes;

namespace KubeSharp.ApiServer.Patch;

/// <summary>
/// RFC 6902 JSON Patch (<c>application/json-patch+json</c>). Operations run on a copy, so a failing
/// operation leaves the caller's document untouched; messages follow the library upstream uses.
/// </summary>
public static class JsonPatch
{
    /// <summary>Upstream's cap on operations in one patch (answered with 413).</summary>
    public const int MaxOperations = 10_000;

    public static JsonObject Apply(JsonObject document, JsonNode? patch) =>
        Apply((JsonNode)document, patch) as JsonObject
        ?? throw new PatchException("the patch replaced the object with a value that is not an object");

    /// <summary>Returns the patched copy of <paramref name="document"/>.</summary>
    public static JsonNode? Apply(JsonNode? document, JsonNode? patch)
    {
        if (patch is not JsonArray operations)
            throw PatchException.Malformed($"json: cannot unmarshal {JsonKind(patch)} into Go value of type jsonpatch.Patch");
        if (operations.Count > MaxOperations)
            throw new PatchException($"The allowed maximum operations in a JSON patch is {MaxOperations}, got {operations.Count}", 413);

        // A synthetic root lets "replace /" and "add /" swap the whole document like any other member.
        var root = new JsonObject { [RootKey] = document?.DeepClone() };
        foreach (var node in operations)
        {
            if (node is not JsonObject op)
                throw PatchException.Malformed($"json: cannot unmarshal {JsonKind(node)} into Go value of type jsonpatch.Operation");
            ApplyOne(root, op);
        }
        var result = root[RootKey];
        root.Remove(RootKey);
        return result;
    }

    const string RootKey = "";

    static void ApplyOne(JsonObject root, JsonObject op)
    {
        var kind = StringMember(op, "op") ?? "unknown";
        switch (kind)
        {
            case "add": Add(root, RequiredPath(op, "path"), ValueOf(op)); break;
            case "remove": Remove(root, RequiredPath(op, "path")); break;
            case "replace": Replace(root, RequiredPath(op, "path"), ValueOf(op)); break;
            case "move": Move(root, RequiredPath(op, "from"), RequiredPath(op, "path")); break;
            case "copy": Copy(root, RequiredPath(op, "from"), RequiredPath(op, "path")); break;
            case "test": Test(root, RequiredPath(op, "path"), ValueOf(op)); break;
            default: throw new PatchException($"Unexpected kind: {kind}");
        }
    }

    static void Add(JsonObject root, string path, JsonNode? value)
    {
        var (parent, key) = Locate(root, path) ?? throw Missing("add operation does not apply: doc is missing path: \"" + path + "\"");
        switch (parent)
        {
            case JsonObject obj:
                obj[key] = value;
                break;
            case JsonArray arr:
                if (!JsonPointer.TryIndex(key, arr.Count, allowEnd: true, out var index)) throw InvalidIndex(key);
                arr.Insert(index, value);
                break;
        }
    }

    static JsonNode? Remove(JsonObject root, string path)
    {
        var (parent, key) = Locate(root, path) ?? throw Missing("remove operation does not apply: doc is missing path: \"" + path + "\"");
        switch (parent)
        {
            case JsonObject obj:
                if (!obj.TryGetPropertyValue(key, out var existing))
                    throw Missing($"error in remove for path: '{path}': Unable to remove nonexistent key: {key}");
                obj.Remove(key);
                return existing;
            default:
                var arr = (JsonArray)parent;
                if (!JsonPointer.TryIndex(key, arr.Count, allowEnd: false, out var index))
                    throw new PatchException($"error in remove for path: '{path}': Unable to access invalid index: {key}: invalid index referenced");
                var item = arr[index];
                arr.RemoveAt(index);
                return item;
        }
    }

    static void Replace(JsonObject root, string path, JsonNode? value)
    {
        var (parent, key) = Locate(root, path) ?? throw Missing($"replace operation does not apply: doc is missing path: {path}");
        switch (parent)
        {
            case JsonObject obj:
                if (!obj.ContainsKey(key)) throw Missing($"replace operation does not apply: doc is missing key: {path}");
                obj[key] = value;
                break;
            case JsonArray arr:
                if (!JsonPointer.TryIndex(key, arr.Count, allowEnd: false, out var index))
                    throw Missing($"replace operation does not apply: doc is missing key: {path}");
                arr[index] = value;
                break;
        }
    }

    static void Move(JsonObject root, string from, string path)
    {
        if (path.StartsWith(from + "/", StringComparison.Ordinal))
            throw new PatchException($"move operation does not apply: cannot move \"{from}\" into its own child \"{path}\"");
        if (Get(root, from, out var value) is false) throw Missing($"move operation does not apply: doc is missing from path: {from}");
        Remove(root, from);
        Add(root, path, value);
    }

    static void Copy(JsonObject root, string from, string path)
    {
        if (Get(root, from, out var value) is false) throw Missing($"copy operation does not apply: doc is missing from path: {from}");
        Add(root, path, value?.DeepClone());
    }

    static void Test(JsonObject root, string path, JsonNode? expected)
    {
        if (!Get(root, path, out var actual) || !JsonNode.DeepEquals(actual, expected))
            throw new PatchException($"testing value {path} failed: test failed");
    }

    static bool Get(JsonObject root, string path, out JsonNode? value)
    {
        value = null;
        if (Locate(root, path) is not var (parent, key)) return false;
        switch (parent)
        {
            case JsonObject obj:
                return obj.TryGetPropertyValue(key, out value);
            default:
                var arr = (JsonArray)parent;
                if (!JsonPointer.TryIndex(key, arr.Count, allowEnd: false, out var index)) return false;
                value = arr[index];
                return true;
        }
    }

    /// <summary>The container holding the last token of the path, and that token.</summary>
    static (JsonNode Parent, string Key)? Locate(JsonObject root, string path)
    {
        var tokens = JsonPointer.Parse(path);
        JsonNode current = root;
        var key = RootKey;
        foreach (var token in tokens)
        {
            JsonNode? next;
            switch (current)
            {
                case JsonObject obj:
                    if (!obj.TryGetPropertyValue(key, out next)) return null;
                    break;
                case JsonArray arr:
                    if (!JsonPointer.TryIndex(key, arr.Count, allowEnd: false, out var index)) return null;
                    next = arr[index];
                    break;
                default:
                    return null;
            }
            if (next is not (JsonObject or JsonArray)) return null;
            current = next;
            key = token;
        }
        return (current, key);
    }

    static string RequiredPath(JsonObject op, string member) =>
        StringMember(op, member) ?? throw new PatchException($"operation missing \"{member}\" member: {op.ToJsonString()}");

    static string? StringMember(JsonObject op, string member) =>
        op.TryGetPropertyValue(member, out var v) && v is JsonValue jv && jv.TryGetValue<string>(out var s) ? s : null;

    static JsonNode? ValueOf(JsonObject op)
    {
        if (!op.TryGetPropertyValue("value", out var v))
            throw new PatchException($"operation missing \"value\" member: {op.ToJsonString()}");
        return v?.DeepClone();
    }

    static PatchException Missing(string message) => new(message + ": missing value");

    static PatchException InvalidIndex(string key) => new($"Unable to access invalid index: {key}: invalid index referenced");

    internal static string JsonKind(JsonNode? node) => node switch
    {
        null => "null",
        JsonObject => "object",
        JsonArray => "array",
        JsonValue v when v.GetValueKind() == System.Text.Json.JsonValueKind.String => "string",
        JsonValue v when v.GetValueKind() == System.Text.Json.JsonValueKind.Number => "number",
        _ => "bool",
    };
}
