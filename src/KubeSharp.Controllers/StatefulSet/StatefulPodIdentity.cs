using System.Globalization;
using System.Text.Json.Nodes;
using KubeSharp.Api.Resources;
using KubeSharp.Client;
using KubeSharp.Controllers.History;

namespace KubeSharp.Controllers.StatefulSet;

/// <summary>
/// The stable identity of a stateful pod: its name <c>&lt;set&gt;-&lt;ordinal&gt;</c>, hostname and subdomain
/// (so <c>&lt;pod&gt;.&lt;service&gt;.&lt;namespace&gt;.svc</c> resolves), its identity labels, and volumes that
/// mount the claims of its ordinal.
/// </summary>
public static class StatefulPodIdentity
{
    public const string PodNameLabel = "statefulset.kubernetes.io/pod-name";
    public const string PodIndexLabel = "apps.kubernetes.io/pod-index";

    public static string PodName(string setName, int ordinal) => $"{setName}-{ordinal.ToString(CultureInfo.InvariantCulture)}";

    public static string ClaimName(string claimTemplateName, string setName, int ordinal) => $"{claimTemplateName}-{PodName(setName, ordinal)}";

    /// <summary>The ordinal of a pod named <c>&lt;set&gt;-&lt;n&gt;</c>; null for any other name (not a member of the set).</summary>
    public static int? Ordinal(string setName, string podName)
    {
        if (podName.Length <= setName.Length + 1 || !podName.StartsWith(setName, StringComparison.Ordinal) || podName[setName.Length] != '-') return null;
        var digits = podName.AsSpan(setName.Length + 1);
        foreach (var c in digits) if (!char.IsAsciiDigit(c)) return null;
        return int.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : null;
    }

    /// <summary>A new pod for <paramref name="ordinal"/> from <paramref name="template"/>, labelled with <paramref name="revisionName"/>.</summary>
    public static JsonObject NewPod(JsonObject set, JsonObject template, int ordinal, string revisionName)
    {
        var setName = JsonMeta.Name(set)!;
        var name = PodName(setName, ordinal);
        var meta = new JsonObject { ["name"] = name, ["namespace"] = JsonMeta.Namespace(set) };
        foreach (var field in (ReadOnlySpan<string>)["labels", "annotations", "finalizers"])
            if (JsonFields.At(template, "metadata", field)?.DeepClone() is { } value) meta[field] = value;
        meta["ownerReferences"] = new JsonArray(ControllerRefs.New(set, "apps/v1", "StatefulSet"));
        var spec = JsonFields.Obj(template, "spec")?.DeepClone() as JsonObject ?? [];
        spec["hostname"] = name;
        if (JsonFields.Str(set, "spec", "serviceName") is { Length: > 0 } service) spec["subdomain"] = service;
        var pod = new JsonObject { ["apiVersion"] = "v1", ["kind"] = "Pod", ["metadata"] = meta, ["spec"] = spec };
        UpdateIdentity(set, pod, ordinal);
        JsonFields.Ensure(meta, "labels")[ControllerRevisionHash.Label] = revisionName;
        UpdateStorage(set, pod, ordinal);
        return pod;
    }

    /// <summary>True when the pod carries the identity labels of its ordinal.</summary>
    public static bool IdentityMatches(JsonObject set, JsonObject pod, int ordinal)
    {
        var name = JsonMeta.Name(pod);
        var labels = JsonMeta.Labels(pod);
        return name == PodName(JsonMeta.Name(set)!, ordinal)
            && JsonMeta.Namespace(pod) == JsonMeta.Namespace(set)
            && labels is not null
            && labels.GetValueOrDefault(PodNameLabel) == name
            && labels.GetValueOrDefault(PodIndexLabel) == ordinal.ToString(CultureInfo.InvariantCulture);
    }

    /// <summary>Sets the identity labels (the only identity a running pod may still change).</summary>
    public static void UpdateIdentity(JsonObject set, JsonObject pod, int ordinal)
    {
        var labels = JsonFields.Ensure(JsonFields.Ensure(pod, "metadata"), "labels");
        labels[PodNameLabel] = PodName(JsonMeta.Name(set)!, ordinal);
        labels[PodIndexLabel] = ordinal.ToString(CultureInfo.InvariantCulture);
    }

    /// <summary>True when every claim template has a pod volume of its name mounting the claim of this ordinal.</summary>
    public static bool StorageMatches(JsonObject set, JsonObject pod, int ordinal)
    {
        var volumes = JsonFields.Items(JsonFields.Arr(pod, "spec", "volumes")).ToList();
        foreach (var template in ClaimTemplateNames(set))
        {
            var volume = volumes.FirstOrDefault(v => JsonFields.Str(v, "name") == template);
            if (JsonFields.Str(volume, "persistentVolumeClaim", "claimName") != ClaimName(template, JsonMeta.Name(set)!, ordinal)) return false;
        }
        return true;
    }

    /// <summary>Points the pod's volumes named after claim templates at this ordinal's claims, replacing template volumes of those names.</summary>
    public static void UpdateStorage(JsonObject set, JsonObject pod, int ordinal)
    {
        var templates = ClaimTemplateNames(set).ToList();
        if (templates.Count == 0) return;
        var spec = JsonFields.Ensure(pod, "spec");
        var volumes = new JsonArray();
        foreach (var template in templates)
            volumes.Add(new JsonObject
            {
                ["name"] = template,
                ["persistentVolumeClaim"] = new JsonObject { ["claimName"] = ClaimName(template, JsonMeta.Name(set)!, ordinal) },
            });
        foreach (var volume in JsonFields.Items(spec["volumes"]))
            if (!templates.Contains(JsonFields.Str(volume, "name") ?? "")) volumes.Add(volume.DeepClone());
        spec["volumes"] = volumes;
    }

    public static IEnumerable<string> ClaimTemplateNames(JsonObject set) =>
        JsonFields.Items(JsonFields.Arr(set, "spec", "volumeClaimTemplates")).Select(t => JsonFields.Str(t, "metadata", "name")).OfType<string>();
}
