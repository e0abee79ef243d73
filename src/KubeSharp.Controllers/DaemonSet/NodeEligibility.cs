using System.Globalization;
using System.Text.Json.Nodes;
using KubeSharp.Api.Resources;
using KubeSharp.Client;
using KubeSharp.Controllers.History;

namespace KubeSharp.Controllers.DaemonSet;

/// <summary>
/// Upstream's nodeShouldRunDaemonPod: whether a daemon set wants a pod on a node (its nodeName, nodeSelector
/// and required node affinity admit the node, and its pods tolerate the node's NoSchedule and NoExecute
/// taints), and whether a pod already there may stay (only an untolerated NoExecute taint evicts it).
/// </summary>
public static class NodeEligibility
{
    public readonly record struct Verdict(bool ShouldRun, bool ShouldContinueRunning);

    public static Verdict Evaluate(JsonObject node, JsonObject daemonSet) => EvaluateSpec(node, DaemonPodTemplate.PodSpec(daemonSet));

    /// <summary>As <see cref="Evaluate(JsonObject, JsonObject)"/> for a pod spec already carrying the daemon tolerations.</summary>
    public static Verdict EvaluateSpec(JsonObject node, JsonObject podSpec)
    {
        var nodeName = JsonMeta.Name(node) ?? "";
        if (JsonFields.Str(podSpec, "nodeName") is { Length: > 0 } fixedNode && fixedNode != nodeName) return new(false, false);
        if (!NodeSelectorMatches(podSpec, node) || !RequiredAffinityMatches(podSpec, node)) return new(false, false);

        var tolerations = JsonFields.Items(podSpec["tolerations"]).ToList();
        var taints = JsonFields.Items(JsonFields.Arr(node, "spec", "taints")).ToList();
        bool Untolerated(string effect) =>
            taints.Any(t => JsonFields.Str(t, "effect") == effect && !tolerations.Any(tol => Tolerates(tol, t)));
        if (Untolerated("NoSchedule") || Untolerated("NoExecute")) return new(false, !Untolerated("NoExecute"));
        return new(true, true);
    }

    static bool NodeSelectorMatches(JsonObject podSpec, JsonObject node)
    {
        if (podSpec["nodeSelector"] is not JsonObject selector) return true;
        var labels = JsonMeta.Labels(node);
        return selector.All(kv => labels is not null && labels.TryGetValue(kv.Key, out var v) && kv.Value is JsonValue want
            && want.TryGetValue<string>(out var w) && v == w);
    }

    /// <summary>Terms are ORed, requirements within a term ANDed; a term with no requirements matches nothing.</summary>
    static bool RequiredAffinityMatches(JsonObject podSpec, JsonObject node)
    {
        if (JsonFields.Obj(podSpec, "affinity", "nodeAffinity", "requiredDuringSchedulingIgnoredDuringExecution") is not { } required) return true;
        var labels = JsonMeta.Labels(node) ?? new Dictionary<string, string>();
        var fields = new Dictionary<string, string> { ["metadata.name"] = JsonMeta.Name(node) ?? "" };
        return JsonFields.Items(required["nodeSelectorTerms"]).Any(term =>
        {
            var expressions = JsonFields.Items(term["matchExpressions"]).ToList();
            var matchFields = JsonFields.Items(term["matchFields"]).ToList();
            return expressions.Count + matchFields.Count > 0
                && expressions.All(r => RequirementMatches(r, labels))
                && matchFields.All(r => RequirementMatches(r, fields));
        });
    }

    static bool RequirementMatches(JsonObject requirement, IReadOnlyDictionary<string, string> values)
    {
        var key = JsonFields.Str(requirement, "key") ?? "";
        var wanted = JsonFields.Arr(requirement, "values")?.Select(v => v is JsonValue s && s.TryGetValue<string>(out var t) ? t : "").ToList() ?? [];
        var has = values.TryGetValue(key, out var value);
        return JsonFields.Str(requirement, "operator") switch
        {
            "In" => has && wanted.Contains(value!),
            "NotIn" => !has || !wanted.Contains(value!),
            "Exists" => has,
            "DoesNotExist" => !has,
            "Gt" => has && Compare(value!, wanted) is > 0,
            "Lt" => has && Compare(value!, wanted) is < 0,
            _ => false,
        };
    }

    /// <summary>Integer comparison of a label with the single value of Gt/Lt; null when either is not an integer.</summary>
    static int? Compare(string value, List<string> wanted) =>
        wanted.Count == 1 && long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var a)
        && long.TryParse(wanted[0], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var b) ? a.CompareTo(b) : null;

    /// <summary>Upstream's ToleratesTaint: effect and key must agree when set; Exists ignores the value.</summary>
    public static bool Tolerates(JsonObject toleration, JsonObject taint)
    {
        if (JsonFields.Str(toleration, "effect") is { Length: > 0 } effect && effect != JsonFields.Str(taint, "effect")) return false;
        if (JsonFields.Str(toleration, "key") is { Length: > 0 } key && key != JsonFields.Str(taint, "key")) return false;
        return JsonFields.Str(toleration, "operator") switch
        {
            "Exists" => true,
            null or "" or "Equal" => (JsonFields.Str(toleration, "value") ?? "") == (JsonFields.Str(taint, "value") ?? ""),
            _ => false,
        };
    }
}
