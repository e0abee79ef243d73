using System.Net;
using System.Text.Json.Nodes;
using static KubeSharp.ApiServer.Printers.JsonRead;
using static KubeSharp.ApiServer.Printers.DefaultPrinters;

namespace KubeSharp.ApiServer.Printers.Core;

/// <summary>The small printers of the core ("") group.</summary>
public static class CorePrinters
{
    public static ITablePrinter Namespaces { get; } = new TablePrinter(
        [TableColumn.NameColumn, TableColumn.Text("Status", "The namespace's phase."), TableColumn.AgeColumn],
        (o, now) => Row(o, Str(o, "status", "phase") ?? "", Age(o, now)));

    public static ITablePrinter ConfigMaps { get; } = new TablePrinter(
        [TableColumn.NameColumn, TableColumn.Integer("Data", "Number of data and binary data entries."), TableColumn.AgeColumn],
        (o, now) => Row(o, (long)((Obj(o, "data")?.Count ?? 0) + (Obj(o, "binaryData")?.Count ?? 0)), Age(o, now)));

    public static ITablePrinter Secrets { get; } = new TablePrinter(
        [TableColumn.NameColumn, TableColumn.Text("Type", "The secret's type."), TableColumn.Integer("Data", "Number of data entries."), TableColumn.AgeColumn],
        (o, now) => Row(o, Str(o, "type") ?? "Opaque", (long)(Obj(o, "data")?.Count ?? 0), Age(o, now)));

    public static ITablePrinter ServiceAccounts { get; } = new TablePrinter(
        [TableColumn.NameColumn, TableColumn.Integer("Secrets", "Number of secrets the account lists."), TableColumn.AgeColumn],
        (o, now) => Row(o, (long)Arr(o, "secrets").Count, Age(o, now)));

    public static ITablePrinter Endpoints { get; } = new TablePrinter(
        [TableColumn.NameColumn, TableColumn.Text("Endpoints", "Ready addresses with their ports."), TableColumn.AgeColumn],
        (o, now) => Row(o, FormatEndpoints(o), Age(o, now)));

    public static ITablePrinter ReplicationControllers { get; } = new TablePrinter(
        [
            TableColumn.NameColumn,
            TableColumn.Integer("Desired", "Replicas asked for."),
            TableColumn.Integer("Current", "Replicas that exist."),
            TableColumn.Integer("Ready", "Replicas that are ready."),
            TableColumn.AgeColumn,
            TableColumn.Text("Containers", "Names of the template's containers.", 1),
            TableColumn.Text("Images", "Images of the template's containers.", 1),
            TableColumn.Text("Selector", "Labels of the pods it manages.", 1),
        ],
        (o, now) =>
        {
            var (names, images) = PrinterFormat.Containers(Obj(o, "spec", "template", "spec"));
            return Row(o, LongOpt(o, "spec", "replicas") ?? 1, Long(o, "status", "replicas"), Long(o, "status", "readyReplicas"),
                Age(o, now), names, images, PrinterFormat.Labels(Map(o, "spec", "selector")));
        });

    public static ITablePrinter PersistentVolumes { get; } = new TablePrinter(
        [
            TableColumn.NameColumn,
            TableColumn.Text("Capacity", "Storage capacity."),
            TableColumn.Text("Access Modes", "How the volume can be mounted."),
            TableColumn.Text("Reclaim Policy", "What happens to the volume when its claim goes."),
            TableColumn.Text("Status", "The volume's phase."),
            TableColumn.Text("Claim", "The claim bound to the volume."),
            TableColumn.Text("StorageClass", "The volume's storage class."),
            TableColumn.Text("VolumeAttributesClass", "The volume's attributes class."),
            TableColumn.Text("Reason", "Why the volume is in its phase."),
            TableColumn.AgeColumn,
            TableColumn.Text("VolumeMode", "Filesystem or Block.", 1),
        ],
        (o, now) =>
        {
            var claim = Obj(o, "spec", "claimRef") is { } c ? $"{Str(c, "namespace")}/{Str(c, "name")}" : "";
            var phase = IsDeleting(o) ? "Terminating" : Str(o, "status", "phase") ?? "";
            return Row(o, Text(o, "spec", "capacity", "storage") ?? "0", PrinterFormat.AccessModes(Strings(o, "spec", "accessModes")),
                Str(o, "spec", "persistentVolumeReclaimPolicy") ?? "", phase, claim, StorageClass(o),
                Str(o, "spec", "volumeAttributesClassName") ?? "<unset>", Str(o, "status", "reason") ?? "", Age(o, now),
                Str(o, "spec", "volumeMode") ?? "<unset>");
        });

    public static ITablePrinter PersistentVolumeClaims { get; } = new TablePrinter(
        [
            TableColumn.NameColumn,
            TableColumn.Text("Status", "The claim's phase."),
            TableColumn.Text("Volume", "The volume bound to the claim."),
            TableColumn.Text("Capacity", "Capacity of the bound volume."),
            TableColumn.Text("Access Modes", "How the bound volume can be mounted."),
            TableColumn.Text("StorageClass", "The claim's storage class."),
            TableColumn.Text("VolumeAttributesClass", "The claim's current attributes class."),
            TableColumn.AgeColumn,
            TableColumn.Text("VolumeMode", "Filesystem or Block.", 1),
        ],
        (o, now) =>
        {
            var phase = IsDeleting(o) ? "Terminating" : Str(o, "status", "phase") ?? "";
            var volume = Str(o, "spec", "volumeName") ?? "";
            string capacity = "", modes = "";
            if (volume.Length > 0)
            {
                capacity = Text(o, "status", "capacity", "storage") ?? "0";
                modes = PrinterFormat.AccessModes(Strings(o, "status", "accessModes"));
            }
            return Row(o, phase, volume, capacity, modes, StorageClass(o),
                Str(o, "status", "currentVolumeAttributesClassName") ?? "<unset>", Age(o, now), Str(o, "spec", "volumeMode") ?? "<unset>");
        });

    public static ITablePrinter ResourceQuotas { get; } = new TablePrinter(
        [
            TableColumn.NameColumn,
            TableColumn.AgeColumn,
            TableColumn.Text("Request", "Used and hard amounts of requested resources."),
            TableColumn.Text("Limit", "Used and hard amounts of resource limits."),
        ],
        (o, now) =>
        {
            var hard = Obj(o, "status", "hard");
            var requests = new List<string>();
            var limits = new List<string>();
            foreach (var resource in (hard?.Select(kv => kv.Key) ?? []).Order(StringComparer.Ordinal))
            {
                var used = Text(o, "status", "used", resource) ?? "0";
                var entry = $"{resource}: {used}/{Text(hard, resource) ?? "0"}";
                (resource.StartsWith("limits.", StringComparison.Ordinal) ? limits : requests).Add(entry);
            }
            return Row(o, Age(o, now), string.Join(", ", requests), string.Join(", ", limits));
        });

    public static ITablePrinter LimitRanges => DefaultPrinters.NameAndCreatedAt;

    public static ITablePrinter Events { get; } = new TablePrinter(
        [
            TableColumn.Text("Last Seen", "Time since the event was last observed."),
            TableColumn.Text("Type", "Normal or Warning."),
            TableColumn.Text("Reason", "Short reason for the event."),
            TableColumn.Text("Object", "The object the event is about."),
            TableColumn.Text("Subobject", "The part of the object the event is about.", 1),
            TableColumn.Text("Source", "The component that reported the event.", 1),
            TableColumn.Text("Message", "What happened."),
            TableColumn.Text("First Seen", "Time since the event was first observed.", 1),
            TableColumn.Integer("Count", "How many times the event happened.", 1),
            new TableColumn("Name", "string", "name", "The event's name.", 1),
        ],
        EventCells);

    static object?[] EventCells(JsonObject o, DateTimeOffset now)
    {
        var first = Time(o, "firstTimestamp") ?? Time(o, "eventTime");
        var firstSeen = HumanDuration.Since(first, now);
        var lastSeen = Time(o, "lastTimestamp") is { } lt ? HumanDuration.Since(lt, now) : firstSeen;
        long count = Long(o, "count");
        if (Obj(o, "series") is { } series)
        {
            lastSeen = HumanDuration.Since(Time(series, "lastObservedTime"), now);
            count = Long(series, "count");
        }
        else if (count == 0)
        {
            count = 1;
        }
        var kind = (Str(o, "involvedObject", "kind") ?? "").ToLowerInvariant();
        var target = Str(o, "involvedObject", "name") is { Length: > 0 } n ? $"{kind}/{n}" : kind;
        var component = FirstNonEmpty(Str(o, "source", "component"), Str(o, "reportingComponent"));
        var instance = FirstNonEmpty(Str(o, "source", "host"), Str(o, "reportingInstance"));
        var source = instance.Length == 0 ? component : component + ", " + instance;
        return
        [
            lastSeen, Str(o, "type") ?? "", Str(o, "reason") ?? "", target, Str(o, "involvedObject", "fieldPath") ?? "",
            source, (Str(o, "message") ?? "").Trim(), firstSeen, count, Name(o),
        ];
    }

    static string FirstNonEmpty(string? a, string? b) => !string.IsNullOrEmpty(a) ? a : b ?? "";

    /// <summary>A volume's or claim's class: the beta annotation still wins over the field.</summary>
    static string StorageClass(JsonObject o) =>
        Str(o, "metadata", "annotations", "volume.beta.kubernetes.io/storage-class") ?? Str(o, "spec", "storageClassName") ?? "";

    /// <summary>Up to three "ip:port" entries over all subsets, then " + N more...".</summary>
    public static string FormatEndpoints(JsonObject endpoints)
    {
        var subsets = Objects(endpoints, "subsets").ToList();
        if (subsets.Count == 0) return PrinterFormat.None;
        const int max = 3;
        var list = new List<string>();
        int count = 0;
        foreach (var subset in subsets)
        {
            var ips = Objects(subset, "addresses").Select(a => Str(a, "ip") ?? "").ToList();
            var ports = Objects(subset, "ports").ToList();
            if (ports.Count == 0)
            {
                count += ips.Count;
                list.AddRange(ips.Take(max - list.Count));
                continue;
            }
            foreach (var port in ports)
            {
                count += ips.Count;
                var portText = Long(port, "port").ToString(System.Globalization.CultureInfo.InvariantCulture);
                list.AddRange(ips.Take(max - list.Count).Select(ip => JoinHostPort(ip, portText)));
            }
        }
        var joined = string.Join(",", list);
        return count > max ? $"{joined} + {count - max} more..." : joined;
    }

    static string JoinHostPort(string host, string port) =>
        IPAddress.TryParse(host, out var ip) && ip.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? $"[{host}]:{port}" : $"{host}:{port}";
}
