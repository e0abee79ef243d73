using System.Globalization;
using System.Text.Json.Nodes;
using static KubeSharp.ApiServer.Printers.JsonRead;
using static KubeSharp.ApiServer.Printers.DefaultPrinters;

namespace KubeSharp.ApiServer.Printers.Networking;

/// <summary>Printers of networking.k8s.io and discovery.k8s.io: ingresses, ingressclasses, endpointslices.</summary>
public static class NetworkingPrinters
{
    public static ITablePrinter Ingresses { get; } = new TablePrinter(
        [
            TableColumn.NameColumn,
            TableColumn.Text("Class", "The ingress class."),
            TableColumn.Text("Hosts", "Hosts the rules match."),
            TableColumn.Text("Address", "Addresses of the load balancer serving the ingress."),
            TableColumn.Text("Ports", "Ports the ingress listens on."),
            TableColumn.AgeColumn,
        ],
        (o, now) => Row(o, Str(o, "spec", "ingressClassName") ?? PrinterFormat.None, Hosts(o), IngressAddress(Obj(o, "status", "loadBalancer")),
            Arr(o, "spec", "tls").Count > 0 ? "80, 443" : "80", Age(o, now)));

    public static ITablePrinter IngressClasses { get; } = new TablePrinter(
        [
            TableColumn.NameColumn,
            TableColumn.Text("Controller", "The controller that implements the class."),
            TableColumn.Text("Parameters", "The object holding the class's parameters."),
            TableColumn.AgeColumn,
        ],
        (o, now) =>
        {
            var parameters = PrinterFormat.None;
            if (Obj(o, "spec", "parameters") is { } p)
            {
                var kind = Str(p, "kind") ?? "";
                if (Str(p, "apiGroup") is { } g) kind += "." + g;
                parameters = kind + "/" + Str(p, "name");
            }
            return Row(o, Str(o, "spec", "controller") ?? "", parameters, Age(o, now));
        });

    public static ITablePrinter EndpointSlices { get; } = new TablePrinter(
        [
            TableColumn.NameColumn,
            TableColumn.Text("AddressType", "IPv4, IPv6 or FQDN."),
            TableColumn.Text("Ports", "Ports of the endpoints."),
            TableColumn.Text("Endpoints", "Addresses of the endpoints."),
            TableColumn.AgeColumn,
        ],
        (o, now) =>
        {
            var ports = Objects(o, "ports").Select(p =>
                LongOpt(p, "port") is { } n ? n.ToString(CultureInfo.InvariantCulture) : Str(p, "name") ?? "*").ToList();
            var addresses = Objects(o, "endpoints").SelectMany(e => Strings(e, "addresses")).ToList();
            return Row(o, Str(o, "addressType") ?? "", PrinterFormat.ListWithMore(ports, 3, "<unset>"),
                PrinterFormat.ListWithMore(addresses, 3, "<unset>"), Age(o, now));
        });

    static string Hosts(JsonObject ingress)
    {
        var hosts = Objects(ingress, "spec", "rules").Select(r => Str(r, "host")).Where(h => !string.IsNullOrEmpty(h)).Select(h => h!).ToList();
        return hosts.Count == 0 ? "*" : PrinterFormat.ListWithMore(hosts, 3, "*");
    }

    static string IngressAddress(JsonObject? status) => string.Join(",", Objects(status, "ingress")
        .Select(i => Str(i, "ip") is { Length: > 0 } ip ? ip : Str(i, "hostname"))
        .Where(a => !string.IsNullOrEmpty(a))
        .Distinct(StringComparer.Ordinal)
        .Order(StringComparer.Ordinal));
}
