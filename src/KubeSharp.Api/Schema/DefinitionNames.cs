namespace KubeSharp.Api.Schema;

/// <summary>
/// OpenAPI definition names as upstream spells them: the Go package path of the type, reversed into
/// dotted form (<c>io.k8s.api.apps.v1.Deployment</c>), or the reversed group for custom resources.
/// </summary>
public static class DefinitionNames
{
    public const string MetaV1 = "io.k8s.apimachinery.pkg.apis.meta.v1";
    public const string ObjectMeta = MetaV1 + ".ObjectMeta";
    public const string ListMeta = MetaV1 + ".ListMeta";
    public const string Time = MetaV1 + ".Time";
    public const string MicroTime = MetaV1 + ".MicroTime";
    public const string Patch = MetaV1 + ".Patch";
    public const string Status = MetaV1 + ".Status";
    public const string DeleteOptions = MetaV1 + ".DeleteOptions";
    public const string IntOrString = "io.k8s.apimachinery.pkg.util.intstr.IntOrString";
    public const string Quantity = "io.k8s.apimachinery.pkg.api.resource.Quantity";

    /// <summary>API group → Go package prefix (without the version), for groups whose types live outside k8s.io/api.</summary>
    static readonly IReadOnlyDictionary<string, string> PackageByGroup = new Dictionary<string, string>
    {
        [""] = "io.k8s.api.core",
        ["meta.k8s.io"] = "io.k8s.apimachinery.pkg.apis.meta",
        ["apiextensions.k8s.io"] = "io.k8s.apiextensions-apiserver.pkg.apis.apiextensions",
        ["apiregistration.k8s.io"] = "io.k8s.kube-aggregator.pkg.apis.apiregistration",
        ["metrics.k8s.io"] = "io.k8s.metrics.pkg.apis.metrics",
        ["rbac.authorization.k8s.io"] = "io.k8s.api.rbac",
        ["flowcontrol.apiserver.k8s.io"] = "io.k8s.api.flowcontrol",
        ["internal.apiserver.k8s.io"] = "io.k8s.api.apiserverinternal",
    };

    /// <summary>The package prefix for a group and version, e.g. ("apps","v1") → "io.k8s.api.apps.v1".</summary>
    public static string Package(string group, string version)
    {
        if (PackageByGroup.TryGetValue(group, out var known)) return known + "." + version;
        const string k8sSuffix = ".k8s.io";
        if (group.EndsWith(k8sSuffix, StringComparison.Ordinal) && group.IndexOf('.') == group.Length - k8sSuffix.Length)
            return "io.k8s.api." + group[..^k8sSuffix.Length] + "." + version;
        if (!group.Contains('.')) return "io.k8s.api." + group + "." + version;
        return ReversedGroup(group) + "." + version;
    }

    /// <summary>The definition name of a kind, e.g. ("apps","v1","Deployment") → "io.k8s.api.apps.v1.Deployment".</summary>
    public static string ForKind(string group, string version, string kind) => Package(group, version) + "." + kind;

    /// <summary>Custom resources are named by the reversed group, as upstream's CRD OpenAPI builder does: "com.example.stable.v1.CronTab".</summary>
    public static string ForCustomKind(string group, string version, string kind) => ReversedGroup(group) + "." + version + "." + kind;

    static string ReversedGroup(string group)
    {
        var parts = group.Split('.');
        Array.Reverse(parts);
        return string.Join('.', parts);
    }
}
