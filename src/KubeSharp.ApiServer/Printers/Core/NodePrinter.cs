using System.Text.Json.Nodes;
using static KubeSharp.ApiServer.Printers.JsonRead;

namespace KubeSharp.ApiServer.Printers.Core;

/// <summary>nodes: NAME STATUS ROLES AGE VERSION, wide INTERNAL-IP EXTERNAL-IP OS-IMAGE KERNEL-VERSION CONTAINER-RUNTIME.</summary>
public sealed class NodePrinter : ITablePrinter
{
    const string RoleLabelPrefix = "node-role.kubernetes.io/";
    const string LegacyRoleLabel = "kubernetes.io/role";

    public IReadOnlyList<TableColumn> Columns { get; } =
    [
        TableColumn.NameColumn,
        TableColumn.Text("Status", "Readiness of the node, and whether scheduling is disabled."),
        TableColumn.Text("Roles", "Roles from the node's node-role.kubernetes.io labels."),
        TableColumn.AgeColumn,
        TableColumn.Text("Version", "The kubelet version the node reports."),
        TableColumn.Text("Internal-IP", "The node's first internal address.", 1),
        TableColumn.Text("External-IP", "The node's first external address.", 1),
        TableColumn.Text("OS-Image", "The operating system image the node reports.", 1),
        TableColumn.Text("Kernel-Version", "The kernel version the node reports.", 1),
        TableColumn.Text("Container-Runtime", "The container runtime and version the node reports.", 1),
    ];

    public object?[] Cells(JsonObject node, DateTimeOffset now)
    {
        var info = Obj(node, "status", "nodeInfo");
        return
        [
            Name(node),
            Status(node),
            Roles(Map(node, "metadata", "labels")),
            Age(node, now),
            Str(info, "kubeletVersion") ?? "",
            Address(node, "InternalIP"),
            Address(node, "ExternalIP"),
            UnknownIfEmpty(Str(info, "osImage")),
            UnknownIfEmpty(Str(info, "kernelVersion")),
            UnknownIfEmpty(Str(info, "containerRuntimeVersion")),
        ];
    }

    public static string Status(JsonObject node)
    {
        var parts = new List<string>();
        // The last Ready condition wins, as a map keyed by type would keep it.
        var ready = Objects(node, "status", "conditions").LastOrDefault(c => Str(c, "type") == "Ready");
        parts.Add(ready is null ? "Unknown" : Str(ready, "status") == "True" ? "Ready" : "NotReady");
        if (Bool(node, "spec", "unschedulable"))
            parts.Add("SchedulingDisabled");
        return string.Join(",", parts);
    }

    public static string Roles(IReadOnlyDictionary<string, string> labels)
    {
        var roles = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var (k, v) in labels)
        {
            if (k.StartsWith(RoleLabelPrefix, StringComparison.Ordinal) && k.Length > RoleLabelPrefix.Length)
                roles.Add(k[RoleLabelPrefix.Length..]);
            else if (k == LegacyRoleLabel && v.Length > 0)
                roles.Add(v);
        }
        return roles.Count == 0 ? PrinterFormat.None : string.Join(",", roles);
    }

    static string Address(JsonObject node, string type) =>
        Objects(node, "status", "addresses").Where(a => Str(a, "type") == type).Select(a => Str(a, "address")).FirstOrDefault() ?? PrinterFormat.None;

    static string UnknownIfEmpty(string? s) => string.IsNullOrEmpty(s) ? "<unknown>" : s;
}
