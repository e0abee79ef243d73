using System.ComponentModel;
using KubeSharp.Api.Model.Core;

namespace KubeSharp.Api.Model.Networking;

[Kind("networking.k8s.io", "v1", "Ingress")]
[Description("Routes external HTTP(S) traffic to services by host and path.")]
public sealed record Ingress : KubernetesObject
{
    [Proto(2), Description("The routing rules and TLS settings.")]
    public IngressSpec? Spec { get; init; }
    [Proto(3), Description("Addresses the ingress is reachable at; written by the ingress controller.")]
    public IngressStatus? Status { get; init; }
}

[Description("Desired routing of an ingress.")]
public sealed record IngressSpec
{
    [Proto(4), Description("Name of the IngressClass that should implement this ingress.")]
    public string? IngressClassName { get; init; }
    [Proto(1), Description("Where requests that match no rule are sent.")]
    public IngressBackend? DefaultBackend { get; init; }
    [Proto(2), ListType("atomic"), Description("Certificates to terminate TLS with, by host.")]
    public List<IngressTLS>? Tls { get; init; }
    [Proto(3), ListType("atomic"), Description("Host and path rules; requests matching none go to the default backend.")]
    public List<IngressRule>? Rules { get; init; }
}

[Description("A TLS certificate and the hosts it serves.")]
public sealed record IngressTLS
{
    [Proto(1), ListType("atomic"), Description("Host names covered by the certificate.")]
    public List<string>? Hosts { get; init; }
    [Proto(2), Description("Secret holding the certificate and key.")]
    public string? SecretName { get; init; }
}

[Description("Routes requests for one host (or every host) by path.")]
public sealed record IngressRule
{
    [Proto(1), Description("Fully qualified host name, optionally with a leading \"*.\" wildcard; unset matches every host.")]
    public string? Host { get; init; }
    // JSON inlines upstream's IngressRuleValue; on the protobuf wire it is the message at field 2.
    [ProtoEmbedded(2, 1), Description("Path-based routes for HTTP traffic.")]
    public HTTPIngressRuleValue? Http { get; init; }
}

[Description("A list of HTTP paths and where each is sent.")]
public sealed record HTTPIngressRuleValue
{
    [Proto(1), RequiredField, ListType("atomic"), Description("Paths checked against the request; the longest match wins.")]
    public List<HTTPIngressPath>? Paths { get; init; }
}

[Description("One path and the backend that serves it.")]
public sealed record HTTPIngressPath
{
    [Proto(1), Description("Path to match; must start with \"/\" for Exact and Prefix types.")]
    public string? Path { get; init; }
    [Proto(3), RequiredField, Description("Exact, Prefix or ImplementationSpecific.")]
    public string PathType { get; init; } = "";
    [Proto(2), RequiredField, Description("Where matching requests go.")]
    public IngressBackend? Backend { get; init; }
}

[Description("Where an ingress sends traffic: a service port or another resource, never both.")]
public sealed record IngressBackend
{
    [Proto(4), Description("A service and port in the ingress's namespace.")]
    public IngressServiceBackend? Service { get; init; }
    [Proto(3), Description("Another object in the ingress's namespace, such as a storage bucket.")]
    public TypedLocalObjectReference? Resource { get; init; }
}

[Description("A service port used as a backend.")]
public sealed record IngressServiceBackend
{
    [Proto(1), RequiredField, Description("Name of the service.")]
    public string Name { get; init; } = "";
    [Proto(2), Description("Port of the service, by name or number.")]
    public ServiceBackendPort? Port { get; init; }
}

[MapType("atomic")]
[Description("A service port, given by name or by number.")]
public sealed record ServiceBackendPort
{
    [Proto(1), Description("Port name; excludes number.")]
    public string? Name { get; init; }
    [Proto(2), Description("Port number; excludes name.")]
    public int? Number { get; init; }
}

[Description("Observed state of an ingress.")]
public sealed record IngressStatus
{
    [Proto(1), Description("Load balancer addresses that serve the ingress.")]
    public IngressLoadBalancerStatus? LoadBalancer { get; init; }
}

[Description("The load balancer in front of an ingress.")]
public sealed record IngressLoadBalancerStatus
{
    [Proto(1), ListType("atomic"), Description("Entry points of the load balancer.")]
    public List<IngressLoadBalancerIngress>? Ingress { get; init; }
}

[Description("One entry point of an ingress load balancer.")]
public sealed record IngressLoadBalancerIngress
{
    [Proto(1), Description("IP address of the entry point.")]
    public string? Ip { get; init; }
    [Proto(2), Description("DNS name of the entry point.")]
    public string? Hostname { get; init; }
    [Proto(4), ListType("atomic"), Description("Status of each port the entry point exposes.")]
    public List<IngressPortStatus>? Ports { get; init; }
}

[Description("Status of one load balancer port.")]
public sealed record IngressPortStatus
{
    [Proto(1), RequiredField, Description("Port number.")]
    public int? Port { get; init; }
    [Proto(2), RequiredField, Description("TCP, UDP or SCTP.")]
    public string Protocol { get; init; } = "";
    [Proto(3), Description("Problem with the port, as a CamelCase reason or a domain-prefixed code.")]
    public string? Error { get; init; }
}

[Description("A page of Ingress objects.")]
public sealed record IngressList : KubernetesList<Ingress>;
