using System.ComponentModel;
using KubeSharp.Api.Model.Core;

namespace KubeSharp.Api.Model.Discovery;

[Kind("discovery.k8s.io", "v1", "EndpointSlice")]
[Description("A slice of the network endpoints behind a service, of one address type.")]
public sealed record EndpointSlice : KubernetesObject
{
    [Proto(4), RequiredField, Description("IPv4, IPv6 or FQDN: the kind of address every endpoint in the slice has.")]
    public string AddressType { get; init; } = "";
    [Proto(2), RequiredField, ListType("atomic"), Description("The endpoints in this slice; at most 1000.")]
    public List<Endpoint>? Endpoints { get; init; }
    [Proto(3), ListType("atomic"), Description("Ports every endpoint in the slice exposes; empty means none are defined.")]
    public List<EndpointPort>? Ports { get; init; }
}

[Description("One backend of a service, typically a pod.")]
public sealed record Endpoint
{
    [Proto(1), RequiredField, ListType("set"), Description("Addresses of the endpoint, of the slice's address type; consumers use the first.")]
    public List<string>? Addresses { get; init; }
    [Proto(2), Description("Readiness, serving and terminating state.")]
    public EndpointConditions? Conditions { get; init; }
    [Proto(3), Description("Host name of the endpoint, usable in DNS records.")]
    public string? Hostname { get; init; }
    [Proto(4), Description("The object behind the endpoint, usually a pod.")]
    public ObjectReference? TargetRef { get; init; }
    [Proto(5), Description("Deprecated topology labels; use nodeName and zone.")]
    public Dictionary<string, string>? DeprecatedTopology { get; init; }
    [Proto(6), Description("Node that hosts the endpoint.")]
    public string? NodeName { get; init; }
    [Proto(7), Description("Zone the endpoint lives in.")]
    public string? Zone { get; init; }
    [Proto(8), Description("Routing hints for topology-aware routing.")]
    public EndpointHints? Hints { get; init; }
}

[Description("State of an endpoint.")]
public sealed record EndpointConditions
{
    [Proto(1), Description("Whether the endpoint should receive new traffic; unset means ready.")]
    public bool? Ready { get; init; }
    [Proto(2), Description("Whether the endpoint can serve, regardless of terminating.")]
    public bool? Serving { get; init; }
    [Proto(3), Description("Whether the endpoint is shutting down.")]
    public bool? Terminating { get; init; }
}

[Description("Hints that tell proxies where an endpoint should be used.")]
public sealed record EndpointHints
{
    [Proto(1), ListType("atomic"), Description("Zones whose clients should be sent to this endpoint.")]
    public List<ForZone>? ForZones { get; init; }
}

[Description("A zone an endpoint should serve.")]
public sealed record ForZone
{
    [Proto(1), RequiredField, Description("Name of the zone.")]
    public string Name { get; init; } = "";
}

[MapType("atomic")]
[Description("A port that the endpoints of a slice expose.")]
public sealed record EndpointPort
{
    [Proto(1), Description("Port name, matching the service port's name; empty if the service has one unnamed port.")]
    public string? Name { get; init; }
    [Proto(2), Description("TCP, UDP or SCTP; unset means TCP.")]
    public string? Protocol { get; init; }
    [Proto(3), Description("Port number; unset means every port.")]
    public int? Port { get; init; }
    [Proto(4), Description("Application protocol, as an IANA service name or a domain-prefixed name.")]
    public string? AppProtocol { get; init; }
}

[Description("A page of EndpointSlice objects.")]
public sealed record EndpointSliceList : KubernetesList<EndpointSlice>;
