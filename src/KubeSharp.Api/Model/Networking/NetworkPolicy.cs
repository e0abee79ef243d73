using System.ComponentModel;

namespace KubeSharp.Api.Model.Networking;

[Kind("networking.k8s.io", "v1", "NetworkPolicy")]
[Description("Restricts which traffic may reach or leave a set of pods.")]
public sealed record NetworkPolicy : KubernetesObject
{
    [Proto(2), Description("The pods the policy applies to and the traffic it allows.")]
    public NetworkPolicySpec? Spec { get; init; }
}

[Description("Desired behaviour of a network policy.")]
public sealed record NetworkPolicySpec
{
    [Proto(1), RequiredField, Description("Pods in this namespace the policy applies to; empty selects them all.")]
    public LabelSelector? PodSelector { get; init; }
    [Proto(2), ListType("atomic"), Description("Incoming traffic allowed, in addition to what other policies allow.")]
    public List<NetworkPolicyIngressRule>? Ingress { get; init; }
    [Proto(3), ListType("atomic"), Description("Outgoing traffic allowed, in addition to what other policies allow.")]
    public List<NetworkPolicyEgressRule>? Egress { get; init; }
    [Proto(4), ListType("atomic"), Description("Ingress, Egress or both: which directions the policy governs.")]
    public List<string>? PolicyTypes { get; init; }
}

[Description("Traffic into the selected pods that is allowed.")]
public sealed record NetworkPolicyIngressRule
{
    [Proto(1), ListType("atomic"), Description("Destination ports allowed; empty means every port.")]
    public List<NetworkPolicyPort>? Ports { get; init; }
    [Proto(2), ListType("atomic"), Description("Sources allowed; empty means every source.")]
    public List<NetworkPolicyPeer>? From { get; init; }
}

[Description("Traffic out of the selected pods that is allowed.")]
public sealed record NetworkPolicyEgressRule
{
    [Proto(1), ListType("atomic"), Description("Destination ports allowed; empty means every port.")]
    public List<NetworkPolicyPort>? Ports { get; init; }
    [Proto(2), ListType("atomic"), Description("Destinations allowed; empty means every destination.")]
    public List<NetworkPolicyPeer>? To { get; init; }
}

[Description("A port, or range of ports, that a rule allows.")]
public sealed record NetworkPolicyPort
{
    [Proto(1), Description("TCP, UDP or SCTP; unset means TCP.")]
    public string? Protocol { get; init; }
    [Proto(2), Description("Port number or named port; unset means every port.")]
    public IntOrString? Port { get; init; }
    [Proto(3), Description("Last port of a range starting at port; needs a numeric port.")]
    public int? EndPort { get; init; }
}

[Description("A set of peers a rule allows: selected pods, selected namespaces or an IP range.")]
public sealed record NetworkPolicyPeer
{
    [Proto(1), Description("Pods to allow, in the namespaces picked by namespaceSelector or else in the policy's namespace.")]
    public LabelSelector? PodSelector { get; init; }
    [Proto(2), Description("Namespaces whose pods are allowed; empty selects every namespace.")]
    public LabelSelector? NamespaceSelector { get; init; }
    [Proto(3), Description("An IP range to allow; excludes the selectors.")]
    public IPBlock? IpBlock { get; init; }
}

[Description("A CIDR range, minus some sub-ranges.")]
public sealed record IPBlock
{
    [Proto(1), RequiredField, Description("The range, e.g. 192.168.1.0/24 or 2001:db8::/64.")]
    public string Cidr { get; init; } = "";
    [Proto(2), ListType("atomic"), Description("Sub-ranges of cidr that are excluded.")]
    public List<string>? Except { get; init; }
}

[Description("A page of NetworkPolicy objects.")]
public sealed record NetworkPolicyList : KubernetesList<NetworkPolicy>;
