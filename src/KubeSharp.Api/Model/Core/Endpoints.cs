using System.ComponentModel;

namespace KubeSharp.Api.Model.Core;

[Kind("", "v1", "Endpoints"), Description("The addresses and ports that back a service.")]
public sealed record Endpoints : KubernetesObject
{
    [Proto(2), ListType("atomic"), Description("Groups of addresses that share the same ports.")]
    public List<EndpointSubset>? Subsets { get; init; }
}

[Description("A page of endpoints objects.")]
public sealed record EndpointsList : KubernetesList<Endpoints>;

[Description("Addresses that all serve the same ports.")]
public sealed record EndpointSubset
{
    [Proto(1), ListType("atomic"), Description("Addresses that are ready for traffic.")]
    public List<EndpointAddress>? Addresses { get; init; }

    [Proto(2), ListType("atomic"), Description("Addresses that are not ready yet.")]
    public List<EndpointAddress>? NotReadyAddresses { get; init; }

    [Proto(3), ListType("atomic"), Description("Ports available on every address.")]
    public List<EndpointPort>? Ports { get; init; }
}

[MapType("atomic"), Description("One endpoint address.")]
public sealed record EndpointAddress
{
    [Proto(1), RequiredField, Description("IP of the endpoint.")]
    public string IP { get; init; } = "";

    [Proto(3), Description("Host name of the endpoint.")]
    public string? Hostname { get; init; }

    [Proto(4), Description("Node hosting the endpoint.")]
    public string? NodeName { get; init; }

    [Proto(2), Description("Object (usually a pod) behind the endpoint.")]
    public ObjectReference? TargetRef { get; init; }
}

[MapType("atomic"), Description("One endpoint port.")]
public sealed record EndpointPort
{
    [Proto(1), Description("Name matching the service port; optional with one port.")]
    public string? Name { get; init; }

    [Proto(2), RequiredField, Description("Port number.")]
    public int? Port { get; init; }

    [Proto(3), Description("TCP, UDP or SCTP.")]
    public string? Protocol { get; init; }

    [Proto(4), Description("Application protocol of the port.")]
    public string? AppProtocol { get; init; }
}
