using System.Text.Json.Nodes;
using static KubeSharp.ApiServer.Printers.JsonRead;
using static KubeSharp.ApiServer.Printers.DefaultPrinters;

namespace KubeSharp.ApiServer.Printers.Cluster;

/// <summary>Printers of rbac, coordination, policy, storage and apiextensions kinds.</summary>
public static class ClusterPrinters
{
    public static ITablePrinter Leases { get; } = new TablePrinter(
        [TableColumn.NameColumn, TableColumn.Text("Holder", "Who holds the lease."), TableColumn.AgeColumn],
        (o, now) => Row(o, Str(o, "spec", "holderIdentity") ?? "", Age(o, now)));

    public static ITablePrinter Roles => NameAndCreatedAt;

    public static ITablePrinter ClusterRoles => NameAndCreatedAt;

    public static ITablePrinter CustomResourceDefinitions => NameAndCreatedAt;

    public static ITablePrinter RoleBindings { get; } = Bindings(clusterScoped: false);

    public static ITablePrinter ClusterRoleBindings { get; } = Bindings(clusterScoped: true);

    static TablePrinter Bindings(bool clusterScoped) => new(
        [
            TableColumn.NameColumn,
            TableColumn.Text("Role", "The role the binding grants."),
            TableColumn.AgeColumn,
            TableColumn.Text("Users", "Users the binding applies to.", 1),
            TableColumn.Text("Groups", "Groups the binding applies to.", 1),
            TableColumn.Text("ServiceAccounts", "Service accounts the binding applies to.", 1),
        ],
        (o, now) =>
        {
            var subjects = Objects(o, "subjects").ToList();
            string Of(string kind, Func<JsonObject, string> show) =>
                string.Join(", ", subjects.Where(s => Str(s, "kind") == kind).Select(show));
            return Row(o, $"{Str(o, "roleRef", "kind")}/{Str(o, "roleRef", "name")}", Age(o, now),
                Of("User", s => Str(s, "name") ?? ""), Of("Group", s => Str(s, "name") ?? ""),
                Of("ServiceAccount", s => $"{Str(s, "namespace")}:{Str(s, "name")}"));
        });

    public static ITablePrinter PodDisruptionBudgets { get; } = new TablePrinter(
        [
            TableColumn.NameColumn,
            TableColumn.Text("Min Available", "Pods that must stay available."),
            TableColumn.Text("Max Unavailable", "Pods that may be unavailable."),
            TableColumn.Integer("Allowed Disruptions", "Pods that may be disrupted now."),
            TableColumn.AgeColumn,
        ],
        (o, now) => Row(o, Text(o, "spec", "minAvailable") ?? "N/A", Text(o, "spec", "maxUnavailable") ?? "N/A",
            Long(o, "status", "disruptionsAllowed"), Age(o, now)));

    public static ITablePrinter StorageClasses { get; } = new TablePrinter(
        [
            TableColumn.NameColumn,
            TableColumn.Text("Provisioner", "The volume plugin that provisions volumes."),
            TableColumn.Text("ReclaimPolicy", "What happens to provisioned volumes when released."),
            TableColumn.Text("VolumeBindingMode", "When volumes are bound and provisioned."),
            TableColumn.Boolean("AllowVolumeExpansion", "Whether claims may grow."),
            TableColumn.AgeColumn,
        ],
        (o, now) =>
        {
            var name = Name(o);
            if (IsDefaultClass(o)) name += " (default)";
            return [name, Str(o, "provisioner") ?? "", Str(o, "reclaimPolicy") ?? "Delete", Str(o, "volumeBindingMode") ?? "Immediate",
                Bool(o, "allowVolumeExpansion"), Age(o, now)];
        });

    static bool IsDefaultClass(JsonObject o) =>
        Str(o, "metadata", "annotations", "storageclass.kubernetes.io/is-default-class") == "true"
        || Str(o, "metadata", "annotations", "storageclass.beta.kubernetes.io/is-default-class") == "true";
}
