using System.Text.Json.Nodes;
using KubeSharp.Api.Resources;
using KubeSharp.Client;
using KubeSharp.Controllers.History;

namespace KubeSharp.Controllers.DaemonSet;

/// <summary>
/// What a daemon set's controller adds to its template before creating a pod: the revision labels, the
/// tolerations upstream gives every daemon pod (so node conditions and cordoning do not keep it away), and a
/// required node affinity naming the one node the pod is for (the scheduler then binds it there).
/// </summary>
public static class DaemonPodTemplate
{
    /// <summary>Deprecated label carrying the template generation, still set as upstream does.</summary>
    public const string TemplateGenerationLabel = "pod-template-generation";
    public const string TemplateGenerationAnnotation = "deprecated.daemonset.template.generation";

    static readonly (string Key, string Effect)[] DefaultTolerations =
    [
        ("node.kubernetes.io/not-ready", "NoExecute"),
        ("node.kubernetes.io/unreachable", "NoExecute"),
        ("node.kubernetes.io/disk-pressure", "NoSchedule"),
        ("node.kubernetes.io/memory-pressure", "NoSchedule"),
        ("node.kubernetes.io/pid-pressure", "NoSchedule"),
        ("node.kubernetes.io/unschedulable", "NoSchedule"),
    ];

    static readonly (string Key, string Effect) HostNetworkToleration = ("node.kubernetes.io/network-unavailable", "NoSchedule");

    /// <summary>The pod spec the daemon set's pods get on any node: its template's plus the default tolerations.</summary>
    public static JsonObject PodSpec(JsonObject daemonSet)
    {
        var spec = JsonFields.Obj(daemonSet, "spec", "template", "spec")?.DeepClone() as JsonObject ?? [];
        var tolerations = DefaultTolerations.ToList();
        if (JsonFields.Bool(spec, "hostNetwork") == true) tolerations.Add(HostNetworkToleration);
        foreach (var (key, effect) in tolerations)
            AddOrUpdateToleration(spec, new JsonObject { ["key"] = key, ["operator"] = "Exists", ["effect"] = effect });
        return spec;
    }

    /// <summary>A pod for <paramref name="nodeName"/> labelled with the revision <paramref name="hash"/>.</summary>
    public static JsonObject NewPod(JsonObject daemonSet, string nodeName, string hash)
    {
        var template = JsonFields.Obj(daemonSet, "spec", "template") ?? [];
        var meta = new JsonObject
        {
            ["generateName"] = JsonMeta.Name(daemonSet) + "-",
            ["namespace"] = JsonMeta.Namespace(daemonSet),
        };
        foreach (var field in (ReadOnlySpan<string>)["labels", "annotations", "finalizers"])
            if (JsonFields.At(template, "metadata", field)?.DeepClone() is { } value) meta[field] = value;
        var labels = JsonFields.Ensure(meta, "labels");
        labels[ControllerRevisionHash.Label] = hash;
        if (JsonFields.Str(daemonSet, "metadata", "annotations", TemplateGenerationAnnotation) is { } generation)
            labels[TemplateGenerationLabel] = generation;
        meta["ownerReferences"] = new JsonArray(ControllerRefs.New(daemonSet, "apps/v1", "DaemonSet"));

        var spec = PodSpec(daemonSet);
        ReplaceNodeNameAffinity(spec, nodeName);
        return new JsonObject { ["apiVersion"] = "v1", ["kind"] = "Pod", ["metadata"] = meta, ["spec"] = spec };
    }

    /// <summary>
    /// Makes the required node affinity select exactly <paramref name="nodeName"/> by metadata.name, replacing
    /// any required terms (the controller already checked them when it chose the node), as upstream does.
    /// </summary>
    public static void ReplaceNodeNameAffinity(JsonObject podSpec, string nodeName)
    {
        var nodeAffinity = JsonFields.Ensure(JsonFields.Ensure(podSpec, "affinity"), "nodeAffinity");
        nodeAffinity["requiredDuringSchedulingIgnoredDuringExecution"] = new JsonObject
        {
            ["nodeSelectorTerms"] = new JsonArray(new JsonObject
            {
                ["matchFields"] = new JsonArray(new JsonObject
                {
                    ["key"] = "metadata.name",
                    ["operator"] = "In",
                    ["values"] = new JsonArray(nodeName),
                }),
            }),
        };
    }

    /// <summary>The node a daemon pod is for: the node it is bound to, else the one its affinity names.</summary>
    public static string? TargetNode(JsonObject pod)
    {
        if (JsonFields.Str(pod, "spec", "nodeName") is { Length: > 0 } bound) return bound;
        foreach (var term in JsonFields.Items(JsonFields.Arr(pod, "spec", "affinity", "nodeAffinity", "requiredDuringSchedulingIgnoredDuringExecution", "nodeSelectorTerms")))
            foreach (var field in JsonFields.Items(term["matchFields"]))
                if (JsonFields.Str(field, "key") == "metadata.name" && JsonFields.Str(field, "operator") == "In"
                    && field["values"] is JsonArray { Count: 1 } values && values[0] is JsonValue v && v.TryGetValue<string>(out var name))
                    return name;
        return null;
    }

    /// <summary>
    /// Adds a toleration, replacing one that tolerates the same taint (same key, operator, value and
    /// effect) but differs otherwise, e.g. in tolerationSeconds — upstream's AddOrUpdateTolerationInPodSpec.
    /// </summary>
    static void AddOrUpdateToleration(JsonObject spec, JsonObject toleration)
    {
        if (spec["tolerations"] is not JsonArray tolerations) spec["tolerations"] = tolerations = [];
        for (var i = 0; i < tolerations.Count; i++)
        {
            if (tolerations[i] is not JsonObject existing || !SameTaint(existing, toleration)) continue;
            if (!JsonFields.Same(existing, toleration)) tolerations[i] = toleration;
            return;
        }
        tolerations.Add(toleration);
    }

    static bool SameTaint(JsonObject a, JsonObject b) =>
        (JsonFields.Str(a, "key") ?? "") == (JsonFields.Str(b, "key") ?? "")
        && (JsonFields.Str(a, "operator") ?? "Equal") == (JsonFields.Str(b, "operator") ?? "Equal")
        && (JsonFields.Str(a, "value") ?? "") == (JsonFields.Str(b, "value") ?? "")
        && (JsonFields.Str(a, "effect") ?? "") == (JsonFields.Str(b, "effect") ?? "");
}
