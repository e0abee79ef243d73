using System.Text.Json.Nodes;
using static KubeSharp.ApiServer.Printers.JsonRead;
using static KubeSharp.ApiServer.Printers.DefaultPrinters;

namespace KubeSharp.ApiServer.Printers.Apps;

/// <summary>Printers of the apps group: deployments, replicasets, statefulsets, daemonsets, controllerrevisions.</summary>
public static class AppsPrinters
{
    static readonly TableColumn ContainersColumn = TableColumn.Text("Containers", "Names of the template's containers.", 1);
    static readonly TableColumn ImagesColumn = TableColumn.Text("Images", "Images of the template's containers.", 1);
    static readonly TableColumn SelectorColumn = TableColumn.Text("Selector", "Labels of the pods it manages.", 1);

    public static ITablePrinter Deployments { get; } = new TablePrinter(
        [
            TableColumn.NameColumn,
            TableColumn.Text("Ready", "Ready replicas out of desired replicas."),
            TableColumn.Integer("Up-to-date", "Replicas running the current template."),
            TableColumn.Integer("Available", "Replicas available to users."),
            TableColumn.AgeColumn,
            ContainersColumn, ImagesColumn, SelectorColumn,
        ],
        (o, now) =>
        {
            var (names, images) = PrinterFormat.Containers(Obj(o, "spec", "template", "spec"));
            var desired = LongOpt(o, "spec", "replicas") ?? 1;
            return Row(o, $"{Long(o, "status", "readyReplicas")}/{desired}", Long(o, "status", "updatedReplicas"),
                Long(o, "status", "availableReplicas"), Age(o, now), names, images,
                PrinterFormat.SelectorString(Node(o, "spec", "selector")) ?? "<invalid>");
        });

    public static ITablePrinter ReplicaSets { get; } = new TablePrinter(
        [
            TableColumn.NameColumn,
            TableColumn.Integer("Desired", "Replicas asked for."),
            TableColumn.Integer("Current", "Replicas that exist."),
            TableColumn.Integer("Ready", "Replicas that are ready."),
            TableColumn.AgeColumn,
            ContainersColumn, ImagesColumn, SelectorColumn,
        ],
        (o, now) =>
        {
            var (names, images) = PrinterFormat.Containers(Obj(o, "spec", "template", "spec"));
            return Row(o, LongOpt(o, "spec", "replicas") ?? 1, Long(o, "status", "replicas"), Long(o, "status", "readyReplicas"),
                Age(o, now), names, images, PrinterFormat.Selector(Node(o, "spec", "selector")));
        });

    public static ITablePrinter StatefulSets { get; } = new TablePrinter(
        [
            TableColumn.NameColumn,
            TableColumn.Text("Ready", "Ready replicas out of desired replicas."),
            TableColumn.AgeColumn,
            ContainersColumn, ImagesColumn,
        ],
        (o, now) =>
        {
            var (names, images) = PrinterFormat.Containers(Obj(o, "spec", "template", "spec"));
            return Row(o, $"{Long(o, "status", "readyReplicas")}/{LongOpt(o, "spec", "replicas") ?? 1}", Age(o, now), names, images);
        });

    public static ITablePrinter DaemonSets { get; } = new TablePrinter(
        [
            TableColumn.NameColumn,
            TableColumn.Integer("Desired", "Nodes that should run the daemon pod."),
            TableColumn.Integer("Current", "Nodes that run at least one daemon pod."),
            TableColumn.Integer("Ready", "Nodes whose daemon pod is ready."),
            TableColumn.Integer("Up-to-date", "Nodes running the current template."),
            TableColumn.Integer("Available", "Nodes whose daemon pod is available."),
            TableColumn.Text("Node Selector", "The template's node selector."),
            TableColumn.AgeColumn,
            ContainersColumn, ImagesColumn, SelectorColumn,
        ],
        (o, now) =>
        {
            var (names, images) = PrinterFormat.Containers(Obj(o, "spec", "template", "spec"));
            return Row(o, Long(o, "status", "desiredNumberScheduled"), Long(o, "status", "currentNumberScheduled"),
                Long(o, "status", "numberReady"), Long(o, "status", "updatedNumberScheduled"), Long(o, "status", "numberAvailable"),
                PrinterFormat.Labels(Map(o, "spec", "template", "spec", "nodeSelector")), Age(o, now),
                names, images, PrinterFormat.Selector(Node(o, "spec", "selector")));
        });

    public static ITablePrinter ControllerRevisions { get; } = new TablePrinter(
        [
            TableColumn.NameColumn,
            TableColumn.Text("Controller", "The object that owns the revision."),
            TableColumn.Integer("Revision", "The revision number."),
            TableColumn.AgeColumn,
        ],
        (o, now) => Row(o, ControllerName(o), Long(o, "revision"), Age(o, now)));

    /// <summary>The controlling owner as "kind.group/name" in lower case kind, or &lt;none&gt;.</summary>
    internal static string ControllerName(JsonObject o)
    {
        var owner = Objects(o, "metadata", "ownerReferences").FirstOrDefault(r => Bool(r, "controller"));
        if (owner is null) return PrinterFormat.None;
        var apiVersion = Str(owner, "apiVersion") ?? "";
        var slash = apiVersion.IndexOf('/');
        var group = slash < 0 ? "" : apiVersion[..slash];
        var kind = Str(owner, "kind") ?? "";
        var groupKind = group.Length == 0 ? kind : $"{kind}.{group}";
        return groupKind.Length == 0 ? Str(owner, "name") ?? "" : $"{groupKind.ToLowerInvariant()}/{Str(owner, "name")}";
    }
}
