using System.Text.Json.Nodes;
using static KubeSharp.ApiServer.Printers.JsonRead;

namespace KubeSharp.ApiServer.Printers.Core;

/// <summary>services: NAME TYPE CLUSTER-IP EXTERNAL-IP PORT(S) AGE, wide SELECTOR.</summary>
public sealed class ServicePrinter : ITablePrinter
{
    // Beyond this width a load balancer's address list is cut short outside wide output.
    const int LoadBalancerWidth = 16;

    public IReadOnlyList<TableColumn> Columns { get; } =
    [
        TableColumn.NameColumn,
        TableColumn.Text("Type", "How the service is exposed."),
        TableColumn.Text("Cluster-IP", "The virtual IP inside the cluster."),
        TableColumn.Text("External-IP", "Addresses the service is reachable at from outside."),
        TableColumn.Text("Port(s)", "Service ports, with node ports, and protocols."),
        TableColumn.AgeColumn,
        TableColumn.Text("Selector", "Labels of the pods that back the service.", 1),
    ];

    public object?[] Cells(JsonObject svc, DateTimeOffset now)
    {
        var clusterIp = Strings(svc, "spec", "clusterIPs").FirstOrDefault() ?? Str(svc, "spec", "clusterIP");
        var ports = Ports(Objects(svc, "spec", "ports"));
        return
        [
            Name(svc),
            Str(svc, "spec", "type") ?? "ClusterIP",
            string.IsNullOrEmpty(clusterIp) ? PrinterFormat.None : clusterIp,
            ExternalIp(svc, wide: true),
            ports.Length == 0 ? PrinterFormat.None : ports,
            Age(svc, now),
            PrinterFormat.Labels(Map(svc, "spec", "selector")),
        ];
    }

    /// <summary>"80/TCP,443:30443/TCP": port, node port when set, protocol.</summary>
    public static string Ports(IEnumerable<JsonObject> ports) => string.Join(",", ports.Select(p =>
    {
        var protocol = Str(p, "protocol") ?? "TCP";
        long port = Long(p, "port"), nodePort = Long(p, "nodePort");
        return nodePort > 0 ? $"{port}:{nodePort}/{protocol}" : $"{port}/{protocol}";
    }));

    public static string ExternalIp(JsonObject svc, bool wide)
    {
        var externalIps = Strings(svc, "spec", "externalIPs").ToList();
        switch (Str(svc, "spec", "type") ?? "ClusterIP")
        {
            case "ClusterIP" or "NodePort":
                return externalIps.Count > 0 ? string.Join(",", externalIps) : PrinterFormat.None;
            case "LoadBalancer":
                var lb = LoadBalancerAddresses(Obj(svc, "status", "loadBalancer"), wide);
                if (externalIps.Count > 0)
                    return string.Join(",", (lb.Length > 0 ? lb.Split(',') : []).Concat(externalIps));
                return lb.Length > 0 ? lb : "<pending>";
            case "ExternalName":
                return Str(svc, "spec", "externalName") ?? "";
            default:
                return "<unknown>";
        }
    }

    /// <summary>IPs or hostnames of a load balancer's ingress points, sorted and comma-joined.</summary>
    public static string LoadBalancerAddresses(JsonObject? status, bool wide)
    {
        var addresses = Objects(status, "ingress")
            .Select(i => Str(i, "ip") is { Length: > 0 } ip ? ip : Str(i, "hostname"))
            .Where(a => !string.IsNullOrEmpty(a))
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal);
        var joined = string.Join(",", addresses);
        return !wide && joined.Length > LoadBalancerWidth ? joined[..(LoadBalancerWidth - 3)] + "..." : joined;
    }
}
