using KubeSharp.Api.Resources;
using KubeSharp.Api.Schema;

namespace KubeSharp.ApiServer.OpenApi;

/// <summary>
/// The REST paths and operations of one resource, laid out as upstream publishes them: the namespaced
/// collection and item, the all-namespaces list, and the status and scale subresources. Every PATCH
/// carries x-kubernetes-group-version-kind and the fieldValidation parameter, which is what kubectl
/// looks for before leaving validation to the server.
/// </summary>
internal static class ResourcePaths
{
    public const string JsonPatch = "application/json-patch+json";
    public const string MergePatch = "application/merge-patch+json";
    public const string StrategicMergePatch = "application/strategic-merge-patch+json";
    public const string ApplyPatch = "application/apply-patch+yaml";

    static readonly ParameterSpec Name = new("name", "path", "string", "Name of the object.", Required: true);
    static readonly ParameterSpec Namespace = new("namespace", "path", "string", "Namespace of the object; it scopes names and access.", Required: true);
    static readonly ParameterSpec Pretty = new("pretty", "query", "string", "If 'true', the output is indented.");
    static readonly ParameterSpec DryRun = new("dryRun", "query", "string", "When present, the request is processed in full but nothing is persisted. The only valid value is All.");
    static readonly ParameterSpec FieldManager = new("fieldManager", "query", "string", "Name of the actor making the change, recorded in managedFields. Required for apply patches.");
    static readonly ParameterSpec FieldValidation = new("fieldValidation", "query", "string", "What to do with unknown or duplicate fields in the body: Ignore drops them, Warn drops them and returns a warning, Strict fails the request.");
    static readonly ParameterSpec Force = new("force", "query", "boolean", "For apply patches: take ownership of fields that other managers own instead of failing with a conflict.");
    static readonly ParameterSpec GracePeriodSeconds = new("gracePeriodSeconds", "query", "integer", "Seconds the object has to terminate gracefully; zero deletes at once.");
    static readonly ParameterSpec PropagationPolicy = new("propagationPolicy", "query", "string", "How dependents are garbage collected: Orphan, Background or Foreground.");
    static readonly ParameterSpec OrphanDependents = new("orphanDependents", "query", "boolean", "Deprecated: use propagationPolicy.");

    static readonly IReadOnlyList<ParameterSpec> ListParameters =
    [
        new("allowWatchBookmarks", "query", "boolean", "Asks a watch for BOOKMARK events carrying only a resource version."),
        new("continue", "query", "string", "The token from a previous page, to fetch the next one."),
        new("fieldSelector", "query", "string", "Restricts the result to objects whose fields match, e.g. metadata.name=x."),
        new("labelSelector", "query", "string", "Restricts the result to objects whose labels match."),
        new("limit", "query", "integer", "Largest number of objects to return; a continue token is returned when more remain."),
        new("resourceVersion", "query", "string", "The resource version the list must be at least as new as (or start the watch after)."),
        new("resourceVersionMatch", "query", "string", "How resourceVersion applies to a list: Exact or NotOlderThan."),
        new("sendInitialEvents", "query", "boolean", "For a watch: start with synthetic ADDED events for the current state."),
        new("timeoutSeconds", "query", "integer", "Upper bound on the duration of a list or watch call."),
        new("watch", "query", "boolean", "Streams changes instead of returning a list."),
    ];

    static readonly IReadOnlyList<string> BuiltInMediaTypes = ["application/json", "application/yaml", "application/vnd.kubernetes.protobuf"];
    static readonly IReadOnlyList<string> CustomMediaTypes = ["application/json", "application/yaml"];

    /// <param name="kindSchema">Definition name of the kind.</param>
    /// <param name="listSchema">Definition name of its list kind.</param>
    /// <param name="strategicMerge">Whether strategic merge patch is offered (built-in kinds with a real schema).</param>
    public static IEnumerable<PathSpec> For(ResourceDefinition def, string kindSchema, string listSchema, bool strategicMerge)
    {
        var prefix = def.Group.Length == 0 ? $"/api/{def.Version}" : $"/apis/{def.Group}/{def.Version}";
        var names = new OperationNames(def);
        var media = def.IsCustom ? CustomMediaTypes : BuiltInMediaTypes;
        var patchTypes = strategicMerge
            ? new[] { JsonPatch, MergePatch, StrategicMergePatch, ApplyPatch }
            : [JsonPatch, MergePatch, ApplyPatch];
        var verbs = def.Verbs.ToHashSet(StringComparer.Ordinal);
        var gvk = def.Gvk;

        var collection = def.Namespaced ? $"{prefix}/namespaces/{{namespace}}/{def.Plural}" : $"{prefix}/{def.Plural}";
        var scope = def.Namespaced ? new[] { Namespace } : [];
        var collectionOps = new List<OperationSpec>();
        if (verbs.Contains("list"))
            collectionOps.Add(Op("get", "list", names.Id("list", namespaced: true), $"list or watch objects of kind {def.Kind}", gvk, [.. ListParameters], null, [], media, [Ok(listSchema)], names));
        if (verbs.Contains("create"))
            collectionOps.Add(Op("post", "post", names.Id("create", namespaced: true), $"create a {def.Kind}", gvk, [DryRun, FieldManager, FieldValidation], kindSchema, ["*/*"], media,
                [Ok(kindSchema), new("201", "Created", kindSchema), new("202", "Accepted", kindSchema)], names));
        if (verbs.Contains("deletecollection") && !def.Virtual)
            collectionOps.Add(Op("delete", "deletecollection", names.Id("delete", namespaced: true, collection: true), $"delete a collection of {def.Kind}", gvk,
                [DryRun, GracePeriodSeconds, OrphanDependents, PropagationPolicy, .. ListParameters], DefinitionNames.DeleteOptions, ["*/*"], media, [Ok(DefinitionNames.Status)], names));
        if (collectionOps.Count > 0) yield return new PathSpec(collection, [.. scope, Pretty], collectionOps);
        if (def.Virtual) yield break;

        var item = collection + "/{name}";
        var itemOps = new List<OperationSpec>();
        if (verbs.Contains("get"))
            itemOps.Add(Op("get", "get", names.Id("read", namespaced: true), $"read the specified {def.Kind}", gvk, [], null, [], media, [Ok(kindSchema)], names));
        if (verbs.Contains("update"))
            itemOps.Add(Op("put", "put", names.Id("replace", namespaced: true), $"replace the specified {def.Kind}", gvk, [DryRun, FieldManager, FieldValidation], kindSchema, ["*/*"], media,
                [Ok(kindSchema), new("201", "Created", kindSchema)], names));
        if (verbs.Contains("delete"))
            itemOps.Add(Op("delete", "delete", names.Id("delete", namespaced: true), $"delete a {def.Kind}", gvk,
                [DryRun, GracePeriodSeconds, OrphanDependents, PropagationPolicy], DefinitionNames.DeleteOptions, ["*/*"], media,
                [Ok(DefinitionNames.Status), new("202", "Accepted", DefinitionNames.Status)], names));
        if (verbs.Contains("patch"))
            itemOps.Add(Patch(names.Id("patch", namespaced: true), $"partially update the specified {def.Kind}", gvk, kindSchema, patchTypes, media, names));
        if (itemOps.Count > 0) yield return new PathSpec(item, [Name, .. scope, Pretty], itemOps);

        if (def.Namespaced && verbs.Contains("list"))
            yield return new PathSpec($"{prefix}/{def.Plural}", [Pretty],
                [Op("get", "list", names.Id("list", namespaced: false) + "ForAllNamespaces", $"list or watch objects of kind {def.Kind}", gvk, [.. ListParameters], null, [], media, [Ok(listSchema)], names)]);

        if (def.HasSubresource("status"))
            yield return Subresource(item, "status", "Status", gvk, kindSchema, patchTypes, media, names, [Name, .. scope, Pretty]);
        if (def.HasSubresource("scale"))
            yield return Subresource(item, "scale", "Scale", new GroupVersionKind("autoscaling", "v1", "Scale"), CommonDefinitions.Scale,
                [JsonPatch, MergePatch, StrategicMergePatch, ApplyPatch], media, names, [Name, .. scope, Pretty]);
    }

    static PathSpec Subresource(string item, string sub, string suffix, GroupVersionKind gvk, string schema, IReadOnlyList<string> patchTypes,
        IReadOnlyList<string> media, OperationNames names, IReadOnlyList<ParameterSpec> parameters) =>
        new($"{item}/{sub}", parameters,
        [
            Op("get", "get", names.Id("read", namespaced: true) + suffix, $"read {sub} of the specified {names.Kind}", gvk, [], null, [], media, [Ok(schema)], names),
            Op("put", "put", names.Id("replace", namespaced: true) + suffix, $"replace {sub} of the specified {names.Kind}", gvk, [DryRun, FieldManager, FieldValidation], schema, ["*/*"], media,
                [Ok(schema), new("201", "Created", schema)], names),
            Patch(names.Id("patch", namespaced: true) + suffix, $"partially update {sub} of the specified {names.Kind}", gvk, schema, patchTypes, media, names),
        ]);

    static OperationSpec Patch(string id, string description, GroupVersionKind gvk, string schema, IReadOnlyList<string> patchTypes, IReadOnlyList<string> media, OperationNames names) =>
        Op("patch", "patch", id, description, gvk, [DryRun, FieldManager, FieldValidation, Force], DefinitionNames.Patch, patchTypes, media,
            [Ok(schema), new("201", "Created", schema)], names);

    static ResponseSpec Ok(string schema) => new("200", "OK", schema);

    static OperationSpec Op(string method, string action, string id, string description, GroupVersionKind gvk, IReadOnlyList<ParameterSpec> parameters,
        string? requestSchema, IReadOnlyList<string> requestTypes, IReadOnlyList<string> media, IReadOnlyList<ResponseSpec> responses, OperationNames names) =>
        new(method, action, id, names.Tag, description, gvk, parameters, requestSchema, requestTypes, media,
            [.. responses, new ResponseSpec("401", "Unauthorized", null)]);
}

/// <summary>Upstream-style operation ids ("patchAppsV1NamespacedDeployment") and tags ("apps_v1").</summary>
internal sealed class OperationNames(ResourceDefinition def)
{
    readonly string _groupVersion = GroupCamel(def.Group) + char.ToUpperInvariant(def.Version[0]) + def.Version[1..];

    public string Kind => def.Kind;

    public string Tag => LowerFirst(GroupCamel(def.Group)) + "_" + def.Version;

    public string Id(string verb, bool namespaced, bool collection = false) =>
        verb + _groupVersion + (collection ? "Collection" : "") + (namespaced && def.Namespaced ? "Namespaced" : "") + def.Kind;

    /// <summary>"" → Core, "rbac.authorization.k8s.io" → RbacAuthorization, "stable.example.com" → StableExampleCom.</summary>
    static string GroupCamel(string group)
    {
        if (group.Length == 0) return "Core";
        var trimmed = group.EndsWith(".k8s.io", StringComparison.Ordinal) ? group[..^".k8s.io".Length] : group;
        return string.Concat(trimmed.Split('.', '-').Where(p => p.Length > 0).Select(p => char.ToUpperInvariant(p[0]) + p[1..]));
    }

    static string LowerFirst(string s) => s.Length == 0 ? s : char.ToLowerInvariant(s[0]) + s[1..];
}
