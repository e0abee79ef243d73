using System.Globalization;
using KubeSharp.Api.Model;
using KubeSharp.Api.Model.Core;

namespace KubeSharp.Node.Kubelet.Env;

/// <summary>What a pod knows about itself at container start, for <c>fieldRef</c> and <c>resourceFieldRef</c>.</summary>
public sealed record PodRuntimeFacts(string? PodIp, string HostIp, string NodeName, IReadOnlyDictionary<string, Quantity> NodeAllocatable);

/// <summary>Values of the downward API (env <c>fieldRef</c>/<c>resourceFieldRef</c> and downwardAPI volume files).</summary>
public static class DownwardApi
{
    /// <exception cref="ArgumentException">The path is not one the downward API offers.</exception>
    public static string FieldValue(Pod pod, string fieldPath, PodRuntimeFacts facts, bool volume = false)
    {
        var meta = pod.Metadata;
        if (TryMapKey(fieldPath, "metadata.labels", out var label))
            return meta.Labels?.GetValueOrDefault(label) ?? "";
        if (TryMapKey(fieldPath, "metadata.annotations", out var annotation))
            return meta.Annotations?.GetValueOrDefault(annotation) ?? "";
        return fieldPath switch
        {
            "metadata.name" => meta.Name ?? "",
            "metadata.namespace" => meta.Namespace ?? "",
            "metadata.uid" => meta.Uid ?? "",
            "metadata.labels" when volume => FormatMap(meta.Labels),
            "metadata.annotations" when volume => FormatMap(meta.Annotations),
            "spec.nodeName" => pod.Spec?.NodeName ?? facts.NodeName,
            "spec.serviceAccountName" => pod.Spec?.ServiceAccountName ?? "",
            "status.podIP" => facts.PodIp ?? "",
            "status.podIPs" => facts.PodIp ?? "",
            "status.hostIP" => facts.HostIp,
            "status.hostIPs" => facts.HostIp,
            _ => throw new ArgumentException($"unsupported fieldPath: {fieldPath}"),
        };
    }

    /// <summary><c>limits.cpu</c> and friends of one container, divided by the divisor and rounded up; a missing limit is the node's allocatable.</summary>
    public static string ResourceValue(Pod pod, ResourceFieldSelector selector, string defaultContainer, PodRuntimeFacts facts)
    {
        var name = string.IsNullOrEmpty(selector.ContainerName) ? defaultContainer : selector.ContainerName;
        var container = (pod.Spec?.Containers ?? []).Concat(pod.Spec?.InitContainers ?? []).FirstOrDefault(c => c.Name == name)
            ?? throw new ArgumentException($"container {name} not found in pod");
        var parts = selector.Resource.Split('.', 2);
        if (parts.Length != 2 || parts[0] is not ("limits" or "requests"))
            throw new ArgumentException($"unsupported container resource: {selector.Resource}");
        var resource = parts[1];
        var table = parts[0] == "limits" ? container.Resources?.Limits : container.Resources?.Requests;
        decimal value;
        if (table?.GetValueOrDefault(resource) is { } q) value = q.ToDecimal();
        else if (parts[0] == "limits" && facts.NodeAllocatable.TryGetValue(resource, out var allocatable)) value = allocatable.ToDecimal();
        else if (parts[0] == "requests" && resource == "cpu") value = 0;
        else value = 0;
        var divisor = selector.Divisor?.ToDecimal() is { } d and > 0 ? d : 1m;
        var scaled = Math.Ceiling(value / divisor);
        // A CPU request of zero still reads as at least one unit of the divisor, as upstream's conversion does for limits.
        if (resource == "cpu" && scaled == 0 && parts[0] == "limits") scaled = 1;
        return ((long)scaled).ToString(CultureInfo.InvariantCulture);
    }

    static bool TryMapKey(string fieldPath, string prefix, out string key)
    {
        key = "";
        if (!fieldPath.StartsWith(prefix + "[", StringComparison.Ordinal) || !fieldPath.EndsWith(']')) return false;
        key = fieldPath[(prefix.Length + 1)..^1].Trim('\'', '"');
        return true;
    }

    /// <summary>The <c>key="value"</c> lines, sorted, that downwardAPI volumes write for whole label/annotation maps.</summary>
    static string FormatMap(Dictionary<string, string>? map) =>
        map is null ? "" : string.Join("\n", map.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key}=\"{Escape(p.Value)}\""));

    static string Escape(string value) => value.Replace("\\", "\\\\").Replace("\n", "\\n").Replace("\"", "\\\"");
}
