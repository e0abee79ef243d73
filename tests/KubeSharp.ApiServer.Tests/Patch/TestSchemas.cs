using System.Text.Json.Nodes;
using KubeSharp.Api.Schema;

namespace KubeSharp.ApiServer.Tests.Patch;

/// <summary>
/// Hand-built schemas carrying upstream's patch and list metadata for the fields the tests touch
/// (Deployment → PodSpec → Container), independent of the model types other engineers are writing.
/// </summary>
internal static class TestSchemas
{
    static SchemaNode Str() => new() { Type = "string" };
    static SchemaNode Int() => new() { Type = "integer" };
    static SchemaNode StringMap() => new() { Type = "object", AdditionalProperties = Str() };
    static SchemaNode Obj(params (string Name, SchemaNode Node)[] props) =>
        new() { Type = "object", Properties = props.ToDictionary(p => p.Name, p => p.Node) };

    static SchemaNode MergeList(SchemaNode item, string key, string strategy = "merge", params string[] mapKeys) => new()
    {
        Type = "array", Items = item, PatchStrategy = strategy, PatchMergeKey = key,
        ListType = "map", ListMapKeys = mapKeys.Length > 0 ? [.. mapKeys] : [key],
    };

    static SchemaNode AtomicList(SchemaNode item) => new() { Type = "array", Items = item, ListType = "atomic" };

    public static SchemaNode ObjectMeta { get; } = Obj(
        ("name", Str()), ("namespace", Str()), ("uid", Str()), ("resourceVersion", Str()), ("generation", Int()),
        ("creationTimestamp", Str()),
        ("labels", StringMap()), ("annotations", StringMap()),
        ("finalizers", new SchemaNode { Type = "array", Items = Str(), PatchStrategy = "merge", ListType = "set" }),
        ("ownerReferences", MergeList(Obj(("uid", Str()), ("name", Str()), ("kind", Str()), ("apiVersion", Str())), "uid")),
        ("managedFields", AtomicList(Obj(("manager", Str())))));

    static SchemaNode Container() => Obj(
        ("name", Str()), ("image", Str()), ("imagePullPolicy", Str()), ("terminationMessagePath", Str()),
        ("args", AtomicList(Str())),
        ("command", AtomicList(Str())),
        ("env", MergeList(Obj(("name", Str()), ("value", Str())), "name")),
        ("ports", MergeList(Obj(("containerPort", Int()), ("protocol", Str()), ("name", Str())), "containerPort", "merge", "containerPort", "protocol")),
        ("volumeMounts", MergeList(Obj(("name", Str()), ("mountPath", Str())), "mountPath")),
        ("resources", Obj(("limits", StringMap()), ("requests", StringMap()))));

    public static SchemaNode PodSpec { get; } = Obj(
        ("containers", MergeList(Container(), "name")),
        ("initContainers", MergeList(Container(), "name")),
        ("volumes", MergeList(Obj(("name", Str()),
            ("configMap", Obj(("name", Str()))),
            ("emptyDir", Obj(("medium", Str())))), "name", "merge,retainKeys")),
        // Upstream tolerations have no merge key: they are atomic and replace.
        ("tolerations", AtomicList(Obj(("key", Str()), ("operator", Str()), ("value", Str()), ("effect", Str())))),
        ("nodeSelector", StringMap()),
        ("restartPolicy", Str()));

    public static SchemaNode Deployment { get; } = Obj(
        ("apiVersion", Str()), ("kind", Str()),
        ("metadata", ObjectMeta),
        ("spec", Obj(
            ("replicas", Int()),
            ("selector", Obj(("matchLabels", StringMap()))),
            ("strategy", new SchemaNode
            {
                Type = "object", PatchStrategy = "retainKeys",
                Properties = new() { ["type"] = Str(), ["rollingUpdate"] = Obj(("maxSurge", Str()), ("maxUnavailable", Str())) },
            }),
            ("template", Obj(("metadata", ObjectMeta), ("spec", PodSpec))))),
        ("status", Obj(("replicas", Int()), ("readyReplicas", Int()))));

    public static JsonObject Parse(string json) => JsonNode.Parse(json)!.AsObject();

    static readonly System.Text.Json.JsonSerializerOptions Readable =
        new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Compact JSON without escaping quotes as \u0022, so expectations read like kubectl output.</summary>
    public static string Json(JsonNode? node) => node?.ToJsonString(Readable) ?? "null";
}
