using System.Text.Json.Nodes;
using KubeSharp.Api.Validation;

namespace KubeSharp.Api.Strategies;

/// <summary>A pod's quality-of-service class from its containers' cpu and memory requests and limits (upstream's GetPodQOS).</summary>
public static class PodQos
{
    static readonly string[] Tracked = ["cpu", "memory"];

    public static string Compute(JsonObject? spec)
    {
        var requests = new Dictionary<string, decimal>(StringComparer.Ordinal);
        var limits = new Dictionary<string, decimal>(StringComparer.Ordinal);
        bool guaranteed = true;
        foreach (var list in (ReadOnlySpan<string>)["initContainers", "containers"])
        {
            foreach (var (_, c) in Json.Items(spec?[list]))
            {
                var cLimits = Read(Json.Obj(c, "resources", "limits"));
                // Requests default to limits, as the pod defaulting does before upstream computes the class.
                var cRequests = Read(Json.Obj(c, "resources", "requests"));
                foreach (var (k, v) in cLimits) cRequests.TryAdd(k, v);
                foreach (var (k, v) in cRequests) if (v != 0) requests[k] = requests.GetValueOrDefault(k) + v;
                foreach (var (k, v) in cLimits) if (v != 0) limits[k] = limits.GetValueOrDefault(k) + v;
                if (!Tracked.All(cLimits.ContainsKey)) guaranteed = false;
            }
        }
        if (requests.Count == 0 && limits.Count == 0) return "BestEffort";
        if (guaranteed && requests.Count == limits.Count && requests.All(kv => limits.TryGetValue(kv.Key, out var l) && l == kv.Value))
            return "Guaranteed";
        return "Burstable";
    }

    static Dictionary<string, decimal> Read(JsonObject? list)
    {
        var result = new Dictionary<string, decimal>(StringComparer.Ordinal);
        if (list is null) return result;
        foreach (var name in Tracked)
            if (Model.Quantity.TryParse(Json.Text(list[name]), out var q)) result[name] = q;
        return result;
    }
}
