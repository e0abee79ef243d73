using System.Text.Json;
using System.Text.Json.Nodes;
using KubeSharp.Api.Resources;

namespace KubeSharp.ApiServer.Discovery;

/// <summary>
/// Discovery documents, legacy (APIVersions, APIGroupList, APIResourceList) and aggregated
/// (apidiscovery.k8s.io/v2 and v2beta1), rebuilt whenever the set of served resources changes.
/// </summary>
public sealed class DiscoveryDocuments
{
    public const string AggregatedV2 = "application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList";
    public const string AggregatedV2Beta1 = "application/json;g=apidiscovery.k8s.io;v=v2beta1;as=APIGroupDiscoveryList";

    readonly ResourceRegistry _registry;
    volatile Snapshot _snapshot;

    sealed record Snapshot(
        byte[] ApiVersions,
        byte[] GroupList,
        Dictionary<string, byte[]> Groups,
        Dictionary<string, byte[]> ResourceLists,
        byte[] AggregatedCoreV2,
        byte[] AggregatedGroupsV2,
        byte[] AggregatedCoreV2Beta1,
        byte[] AggregatedGroupsV2Beta1);

    public DiscoveryDocuments(ResourceRegistry registry)
    {
        _registry = registry;
        _snapshot = Build();
        registry.Changed += () => _snapshot = Build();
    }

    public byte[] ApiVersions => _snapshot.ApiVersions;
    public byte[] GroupList => _snapshot.GroupList;
    public byte[]? Group(string name) => _snapshot.Groups.GetValueOrDefault(name);
    /// <summary>By group-version path: "v1" for core, "apps/v1" for others.</summary>
    public byte[]? ResourceList(string groupVersion) => _snapshot.ResourceLists.GetValueOrDefault(groupVersion);
    public byte[] Aggregated(bool core, bool v2) => (core, v2) switch
    {
        (true, true) => _snapshot.AggregatedCoreV2,
        (false, true) => _snapshot.AggregatedGroupsV2,
        (true, false) => _snapshot.AggregatedCoreV2Beta1,
        _ => _snapshot.AggregatedGroupsV2Beta1,
    };

    Snapshot Build()
    {
        var defs = _registry.All.OrderBy(d => d.Group == "" ? 0 : 1).ThenBy(d => GroupOrder(d.Group)).ThenBy(d => d.Group, StringComparer.Ordinal).ThenBy(d => d.Plural, StringComparer.Ordinal).ToList();
        var byGroup = defs.GroupBy(d => d.Group).ToList();

        var apiVersions = new JsonObject
        {
            ["kind"] = "APIVersions",
            ["versions"] = new JsonArray("v1"),
            ["serverAddressByClientCIDRs"] = new JsonArray(new JsonObject { ["clientCIDR"] = "0.0.0.0/0", ["serverAddress"] = "" }),
        };
        var groupsJson = new JsonArray();
        var groups = new Dictionary<string, byte[]>();
        foreach (var g in byGroup.Where(g => g.Key != ""))
        {
            var versions = g.Select(d => d.Version).Distinct().OrderByDescending(v => v, VersionComparer.Instance).ToList();
            JsonObject GroupJson() => new()
            {
                ["name"] = g.Key,
                ["versions"] = new JsonArray(versions.Select(v => (JsonNode)new JsonObject { ["groupVersion"] = $"{g.Key}/{v}", ["version"] = v }).ToArray()),
                ["preferredVersion"] = new JsonObject { ["groupVersion"] = $"{g.Key}/{versions[0]}", ["version"] = versions[0] },
            };
            groupsJson.Add(GroupJson());
            var group = GroupJson();
            group["kind"] = "APIGroup";
            group["apiVersion"] = "v1";
            groups[g.Key] = Bytes(group);
        }
        var groupList = new JsonObject { ["kind"] = "APIGroupList", ["apiVersion"] = "v1", ["groups"] = groupsJson };

        var lists = new Dictionary<string, byte[]>();
        foreach (var gv in defs.GroupBy(d => d.ApiVersion))
        {
            var resources = new JsonArray();
            foreach (var d in gv)
            {
                var r = new JsonObject
                {
                    ["name"] = d.Plural,
                    ["singularName"] = d.Singular,
                    ["namespaced"] = d.Namespaced,
                    ["kind"] = d.Kind,
                    ["verbs"] = Strings(d.Verbs),
                };
                if (d.ShortNames.Count > 0) r["shortNames"] = Strings(d.ShortNames);
                if (d.Categories.Count > 0) r["categories"] = Strings(d.Categories);
                resources.Add(r);
                foreach (var sub in d.Subresources)
                {
                    var (group, version, kind, verbs) = Subresource(d, sub);
                    var s = new JsonObject { ["name"] = $"{d.Plural}/{sub}", ["singularName"] = "", ["namespaced"] = d.Namespaced, ["kind"] = kind, ["verbs"] = Strings(verbs) };
                    if (group != d.Group || version != d.Version) { s["group"] = group; s["version"] = version; }
                    resources.Add(s);
                }
            }
            lists[gv.Key] = Bytes(new JsonObject { ["kind"] = "APIResourceList", ["apiVersion"] = "v1", ["groupVersion"] = gv.Key, ["resources"] = resources });
        }

        return new Snapshot(
            Bytes(apiVersions), Bytes(groupList), groups, lists,
            Bytes(Aggregated(byGroup.Where(g => g.Key == ""), "v2")),
            Bytes(Aggregated(byGroup.Where(g => g.Key != ""), "v2")),
            Bytes(Aggregated(byGroup.Where(g => g.Key == ""), "v2beta1")),
            Bytes(Aggregated(byGroup.Where(g => g.Key != ""), "v2beta1")));
    }

    static JsonObject Aggregated(IEnumerable<IGrouping<string, ResourceDefinition>> groups, string version)
    {
        var items = new JsonArray();
        foreach (var g in groups)
        {
            var versions = new JsonArray();
            foreach (var v in g.GroupBy(d => d.Version).OrderByDescending(v => v.Key, VersionComparer.Instance))
            {
                var resources = new JsonArray();
                foreach (var d in v)
                {
                    var r = new JsonObject
                    {
                        ["resource"] = d.Plural,
                        ["responseKind"] = Gvk(d.Group, d.Version, d.Kind),
                        ["scope"] = d.Namespaced ? "Namespaced" : "Cluster",
                        ["singularResource"] = d.Singular,
                        ["verbs"] = Strings(d.Verbs),
                    };
                    if (d.ShortNames.Count > 0) r["shortNames"] = Strings(d.ShortNames);
                    if (d.Categories.Count > 0) r["categories"] = Strings(d.Categories);
                    if (d.Subresources.Count > 0)
                    {
                        r["subresources"] = new JsonArray(d.Subresources.Select(sub =>
                        {
                            var (sg, sv, sk, verbs) = Subresource(d, sub);
                            return (JsonNode)new JsonObject { ["subresource"] = sub, ["responseKind"] = Gvk(sg, sv, sk), ["verbs"] = Strings(verbs) };
                        }).ToArray());
                    }
                    resources.Add(r);
                }
                versions.Add(new JsonObject { ["version"] = v.Key, ["resources"] = resources, ["freshness"] = "Current" });
            }
            items.Add(new JsonObject { ["metadata"] = new JsonObject { ["name"] = g.Key, ["creationTimestamp"] = null }, ["versions"] = versions });
        }
        return new JsonObject { ["kind"] = "APIGroupDiscoveryList", ["apiVersion"] = $"apidiscovery.k8s.io/{version}", ["metadata"] = new JsonObject(), ["items"] = items };
    }

    /// <summary>The response kind and verbs of a subresource, as upstream serves them.</summary>
    static (string Group, string Version, string Kind, string[] Verbs) Subresource(ResourceDefinition d, string sub) => sub switch
    {
        "status" => (d.Group, d.Version, d.Kind, ["get", "patch", "update"]),
        "scale" => ("autoscaling", "v1", "Scale", ["get", "patch", "update"]),
        "binding" => ("", "v1", "Binding", ["create"]),
        "eviction" => ("policy", "v1", "Eviction", ["create"]),
        "log" => ("", "v1", "Pod", ["get"]),
        "exec" => ("", "v1", "PodExecOptions", ["create", "get"]),
        "attach" => ("", "v1", "PodAttachOptions", ["create", "get"]),
        "portforward" => ("", "v1", "PodPortForwardOptions", ["create", "get"]),
        "proxy" => ("", "v1", d.Kind + "ProxyOptions", ["create", "delete", "get", "patch", "update"]),
        "finalize" => (d.Group, d.Version, d.Kind, ["update"]),
        "ephemeralcontainers" => (d.Group, d.Version, d.Kind, ["get", "patch", "update"]),
        _ => (d.Group, d.Version, d.Kind, ["get"]),
    };

    static JsonObject Gvk(string g, string v, string k) => new() { ["group"] = g, ["version"] = v, ["kind"] = k };

    static JsonArray Strings(IEnumerable<string> s) => new(s.Select(x => (JsonNode)JsonValue.Create(x)).ToArray());

    static byte[] Bytes(JsonNode n) => JsonSerializer.SerializeToUtf8Bytes(n);

    // Upstream lists the built-in groups in a fixed priority order; custom groups follow alphabetically.
    static readonly string[] KnownOrder =
    [
        "apiregistration.k8s.io", "apps", "events.k8s.io", "authentication.k8s.io", "authorization.k8s.io", "autoscaling", "batch",
        "certificates.k8s.io", "networking.k8s.io", "policy", "rbac.authorization.k8s.io", "storage.k8s.io", "admissionregistration.k8s.io",
        "apiextensions.k8s.io", "scheduling.k8s.io", "coordination.k8s.io", "node.k8s.io", "discovery.k8s.io", "flowcontrol.apiserver.k8s.io",
    ];

    static int GroupOrder(string group)
    {
        var i = Array.IndexOf(KnownOrder, group);
        return i < 0 ? KnownOrder.Length : i;
    }

    sealed class VersionComparer : IComparer<string>
    {
        public static readonly VersionComparer Instance = new();

        // v1 > v1beta2 > v1beta1 > v1alpha1, as upstream's version priority.
        public int Compare(string? x, string? y) => Rank(x).CompareTo(Rank(y));

        static (int Major, int Stability, int Minor) Rank(string? v)
        {
            var m = System.Text.RegularExpressions.Regex.Match(v ?? "", @"^v(\d+)(?:(alpha|beta)(\d+))?$");
            if (!m.Success) return (-1, 0, 0);
            var major = int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
            var stability = m.Groups[2].Value switch { "" => 2, "beta" => 1, _ => 0 };
            var minor = m.Groups[3].Success && m.Groups[3].Value.Length > 0 ? int.Parse(m.Groups[3].Value, System.Globalization.CultureInfo.InvariantCulture) : 0;
            return (stability == 2 ? major + 1000 : major, stability, minor);
        }
    }
}
