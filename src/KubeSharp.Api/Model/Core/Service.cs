using System.ComponentModel;

namespace KubeSharp.Api.Model.Core;

[Kind("", "v1", "Service"), Description("A stable virtual address and name for a set of pods.")]
public sealed record Service : KubernetesObject
{
    [Proto(2), Description("How the service routes traffic.")]
    public ServiceSpec? Spec { get; init; }

    [Proto(3), Description("Current state of the service, such as load balancer addresses.")]
    public ServiceStatus? Status { get; init; }
}

[Description("A page of services.")]
public sealed record ServiceList : KubernetesList<Service>;

[Description("How a service exposes pods.")]
public sealed record ServiceSpec
{
    [Proto(1), Patch("merge", MergeKey = "port"), ListType("map", "port", "protocol"), Description("Ports the service exposes.")]
    public List<ServicePort>? Ports { get; init; }

    [Proto(2), MapType("atomic"), Description("Labels of the pods that receive traffic; no selector means endpoints are managed externally.")]
    public Dictionary<string, string>? Selector { get; init; }

    [Proto(3), Description("Virtual IP of the service, None for headless, or empty to have one assigned.")]
    public string? ClusterIP { get; init; }

    [Proto(18), ListType("atomic"), Description("Virtual IPs of the service, one per address family.")]
    public List<string>? ClusterIPs { get; init; }

    [Proto(4), Description("ClusterIP, NodePort, LoadBalancer or ExternalName.")]
    public string? Type { get; init; }

    [Proto(5), ListType("atomic"), Description("Extra IPs on which nodes accept traffic for the service.")]
    public List<string>? ExternalIPs { get; init; }

    [Proto(7), Description("ClientIP or None: whether a client sticks to one pod.")]
    public string? SessionAffinity { get; init; }

    [Proto(8), Description("Deprecated request for a specific load balancer IP.")]
    public string? LoadBalancerIP { get; init; }

    [Proto(9), ListType("atomic"), Description("Client ranges allowed through the load balancer.")]
    public List<string>? LoadBalancerSourceRanges { get; init; }

    [Proto(10), Description("DNS name an ExternalName service points at.")]
    public string? ExternalName { get; init; }

    [Proto(11), Description("Cluster or Local routing of external traffic.")]
    public string? ExternalTrafficPolicy { get; init; }

    [Proto(12), Description("Node port for load balancer health checks with Local traffic policy.")]
    public int? HealthCheckNodePort { get; init; }

    [Proto(13), Description("Publish endpoints of pods that are not ready.")]
    public bool? PublishNotReadyAddresses { get; init; }

    [Proto(14), Description("Settings of session affinity.")]
    public SessionAffinityConfig? SessionAffinityConfig { get; init; }

    [Proto(19), ListType("atomic"), Description("Address families of the service, such as IPv4 and IPv6.")]
    public List<string>? IPFamilies { get; init; }

    [Proto(17), Description("SingleStack, PreferDualStack or RequireDualStack.")]
    public string? IPFamilyPolicy { get; init; }

    [Proto(20), Description("Allocate node ports for a LoadBalancer service; true when unset.")]
    public bool? AllocateLoadBalancerNodePorts { get; init; }

    [Proto(21), Description("Load balancer implementation the service is meant for.")]
    public string? LoadBalancerClass { get; init; }

    [Proto(22), Description("Cluster or Local routing of traffic from inside the cluster.")]
    public string? InternalTrafficPolicy { get; init; }

    [Proto(23), Description("Preference for how traffic is spread, such as PreferClose.")]
    public string? TrafficDistribution { get; init; }
}

[Description("Observed state of a service.")]
public sealed record ServiceStatus
{
    [Proto(1), Description("Load balancer addresses, if any.")]
    public LoadBalancerStatus? LoadBalancer { get; init; }

    [Proto(2), Patch("merge", MergeKey = "type"), ListType("map", "type"), Description("Current conditions of the service.")]
    public List<Condition>? Conditions { get; init; }
}

[Description("One port a service exposes.")]
public sealed record ServicePort
{
    [Proto(1), Description("Name of the port, required when there are several.")]
    public string? Name { get; init; }

    [Proto(2), Description("TCP, UDP or SCTP; TCP when unset.")]
    public string? Protocol { get; init; }

    [Proto(6), Description("Application protocol hint, such as http or kubernetes.io/h2c.")]
    public string? AppProtocol { get; init; }

    [Proto(3), RequiredField, Description("Port the service listens on.")]
    public int? Port { get; init; }

    [Proto(4), Description("Port number or name on the pods; the service port when unset.")]
    public IntOrString? TargetPort { get; init; }

    [Proto(5), Description("Port on every node for NodePort and LoadBalancer services.")]
    public int? NodePort { get; init; }
}

[Description("Settings of session affinity.")]
public sealed record SessionAffinityConfig
{
    [Proto(1), Description("Settings of client-IP affinity.")]
    public ClientIPConfig? ClientIP { get; init; }
}

[Description("Settings of client-IP session affinity.")]
public sealed record ClientIPConfig
{
    [Proto(1), Description("Seconds a client sticks to a pod; 10800 when unset.")]
    public int? TimeoutSeconds { get; init; }
}

[Description("Addresses of a load balancer.")]
public sealed record LoadBalancerStatus
{
    [Proto(1), ListType("atomic"), Description("Ingress points of the load balancer.")]
    public List<LoadBalancerIngress>? Ingress { get; init; }
}

[Description("One ingress point of a load balancer.")]
public sealed record LoadBalancerIngress
{
    [Proto(1), Description("IP of the ingress point.")]
    public string? IP { get; init; }

    [Proto(2), Description("DNS name of the ingress point.")]
    public string? Hostname { get; init; }

    [Proto(3), Description("VIP or Proxy: how traffic reaches the backends.")]
    public string? IPMode { get; init; }

    [Proto(4), ListType("atomic"), Description("Status of each service port on this ingress point.")]
    public List<PortStatus>? Ports { get; init; }
}

[Description("Status of one port.")]
public sealed record PortStatus
{
    [Proto(1), RequiredField, Description("Port number.")]
    public int? Port { get; init; }

    [Proto(2), RequiredField, Description("TCP, UDP or SCTP.")]
    public string Protocol { get; init; } = "";

    [Proto(3), Description("Problem with the port, in CamelCase.")]
    public string? Error { get; init; }
}
