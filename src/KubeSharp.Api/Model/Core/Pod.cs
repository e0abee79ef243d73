using System.ComponentModel;

namespace KubeSharp.Api.Model.Core;

[Kind("", "v1", "Pod"), Description("A group of containers scheduled together onto one node.")]
public sealed record Pod : KubernetesObject
{
    [Proto(2), Description("Desired behaviour of the pod.")]
    public PodSpec? Spec { get; init; }

    [Proto(3), Description("Most recently observed state of the pod.")]
    public PodStatus? Status { get; init; }
}

[Description("A page of pods.")]
public sealed record PodList : KubernetesList<Pod>;

[Description("Description of a pod: its containers, volumes and scheduling constraints.")]
public sealed record PodSpec
{
    [Proto(1), Patch("merge,retainKeys", MergeKey = "name"), ListType("map", "name"), Description("Volumes containers in the pod can mount.")]
    public List<Volume>? Volumes { get; init; }

    [Proto(20), Patch("merge", MergeKey = "name"), ListType("map", "name"), Description("Containers that run to completion, in order, before the app containers start.")]
    public List<Container>? InitContainers { get; init; }

    [Proto(2), Patch("merge", MergeKey = "name"), ListType("map", "name"), RequiredField, Description("The app containers; at least one is required.")]
    public List<Container>? Containers { get; init; }

    [Proto(34), Patch("merge", MergeKey = "name"), ListType("map", "name"), Description("Debugging containers added to a running pod via the ephemeralcontainers subresource.")]
    public List<EphemeralContainer>? EphemeralContainers { get; init; }

    [Proto(3), Description("Always, OnFailure or Never; Always when unset.")]
    public string? RestartPolicy { get; init; }

    [Proto(4), Description("Seconds the pod gets to shut down after SIGTERM before it is killed.")]
    public long? TerminationGracePeriodSeconds { get; init; }

    [Proto(5), Description("Seconds the pod may run before the system fails it.")]
    public long? ActiveDeadlineSeconds { get; init; }

    [Proto(6), Description("How DNS is configured for the pod: ClusterFirst, ClusterFirstWithHostNet, Default or None.")]
    public string? DNSPolicy { get; init; }

    [Proto(7), MapType("atomic"), Description("Labels a node must have for the pod to be scheduled there.")]
    public Dictionary<string, string>? NodeSelector { get; init; }

    [Proto(8), Description("Service account the pod runs as.")]
    public string? ServiceAccountName { get; init; }

    [Proto(9), Description("Deprecated alias of serviceAccountName.")]
    public string? ServiceAccount { get; init; }

    [Proto(21), Description("Whether a service account token is mounted automatically.")]
    public bool? AutomountServiceAccountToken { get; init; }

    [Proto(10), Description("Node the pod is bound to; setting it bypasses the scheduler.")]
    public string? NodeName { get; init; }

    [Proto(11), Description("Use the node's network namespace.")]
    public bool? HostNetwork { get; init; }

    [Proto(12), Description("Use the node's process ID namespace.")]
    public bool? HostPID { get; init; }

    [Proto(13), Description("Use the node's IPC namespace.")]
    public bool? HostIPC { get; init; }

    [Proto(27), Description("Put all containers of the pod into one process namespace.")]
    public bool? ShareProcessNamespace { get; init; }

    [Proto(14), Description("Security settings that apply to the whole pod.")]
    public PodSecurityContext? SecurityContext { get; init; }

    [Proto(15), Patch("merge", MergeKey = "name"), ListType("map", "name"), Description("Secrets with registry credentials for pulling images.")]
    public List<LocalObjectReference>? ImagePullSecrets { get; init; }

    [Proto(16), Description("Host name of the pod; the pod name when unset.")]
    public string? Hostname { get; init; }

    [Proto(17), Description("Subdomain that forms the pod's fully qualified host name with its hostname.")]
    public string? Subdomain { get; init; }

    [Proto(18), Description("Node and pod affinity rules for scheduling.")]
    public Affinity? Affinity { get; init; }

    [Proto(19), Description("Scheduler that places the pod; the default scheduler when unset.")]
    public string? SchedulerName { get; init; }

    [Proto(22), ListType("atomic"), Description("Taints the pod tolerates.")]
    public List<Toleration>? Tolerations { get; init; }

    [Proto(23), Patch("merge", MergeKey = "ip"), ListType("map", "ip"), Description("Extra entries for the pod's hosts file.")]
    public List<HostAlias>? HostAliases { get; init; }

    [Proto(24), Description("Priority class of the pod.")]
    public string? PriorityClassName { get; init; }

    [Proto(25), Description("Priority value resolved from the priority class.")]
    public int? Priority { get; init; }

    [Proto(26), Description("DNS settings merged with those derived from dnsPolicy.")]
    public PodDNSConfig? DNSConfig { get; init; }

    [Proto(28), ListType("atomic"), Description("Extra conditions that must be true for the pod to be ready.")]
    public List<PodReadinessGate>? ReadinessGates { get; init; }

    [Proto(29), Description("RuntimeClass used to run the pod.")]
    public string? RuntimeClassName { get; init; }

    [Proto(30), Description("Inject environment variables describing services; true when unset.")]
    public bool? EnableServiceLinks { get; init; }

    [Proto(31), Description("Never or PreemptLowerPriority.")]
    public string? PreemptionPolicy { get; init; }

    [Proto(32), Description("Resources the runtime uses on top of the containers' requests.")]
    public Dictionary<string, Quantity>? Overhead { get; init; }

    [Proto(33), Patch("merge", MergeKey = "topologyKey"), ListType("map", "topologyKey", "whenUnsatisfiable"), Description("How the pod should be spread across topology domains.")]
    public List<TopologySpreadConstraint>? TopologySpreadConstraints { get; init; }

    [Proto(35), Description("Set the kernel host name to the fully qualified domain name.")]
    public bool? SetHostnameAsFQDN { get; init; }

    [Proto(36), Description("Operating system the pod's containers need.")]
    public PodOS? OS { get; init; }

    [Proto(37), Description("Use the host's user namespace; false gives the pod its own.")]
    public bool? HostUsers { get; init; }

    [Proto(38), Patch("merge", MergeKey = "name"), ListType("map", "name"), Description("Gates that keep the pod from being scheduled while present.")]
    public List<PodSchedulingGate>? SchedulingGates { get; init; }

    [Proto(39), Patch("merge,retainKeys", MergeKey = "name"), ListType("map", "name"), Description("Dynamic resource claims the pod uses.")]
    public List<PodResourceClaim>? ResourceClaims { get; init; }

    [Proto(40), Description("Total resources for the pod as a whole (alpha).")]
    public ResourceRequirements? Resources { get; init; }
}

[Description("An extra line of the pod's hosts file.")]
public sealed record HostAlias
{
    [Proto(1), RequiredField, Description("IP address of the entry.")]
    public string IP { get; init; } = "";

    [Proto(2), ListType("atomic"), Description("Host names for the address.")]
    public List<string>? Hostnames { get; init; }
}

[Description("DNS settings of a pod beyond those from the DNS policy.")]
public sealed record PodDNSConfig
{
    [Proto(1), ListType("atomic"), Description("DNS server addresses.")]
    public List<string>? Nameservers { get; init; }

    [Proto(2), ListType("atomic"), Description("DNS search domains.")]
    public List<string>? Searches { get; init; }

    [Proto(3), ListType("atomic"), Description("Resolver options.")]
    public List<PodDNSConfigOption>? Options { get; init; }
}

[Description("One resolver option.")]
public sealed record PodDNSConfigOption
{
    [Proto(1), Description("Name of the option, such as ndots.")]
    public string? Name { get; init; }

    [Proto(2), Description("Value of the option.")]
    public string? Value { get; init; }
}

[Description("A condition that must be true for the pod to become ready.")]
public sealed record PodReadinessGate
{
    [Proto(1), RequiredField, Description("Condition type in the pod's conditions to wait for.")]
    public string ConditionType { get; init; } = "";
}

[Description("The operating system a pod needs.")]
public sealed record PodOS
{
    [Proto(1), RequiredField, Description("linux or windows.")]
    public string Name { get; init; } = "";
}

[Description("A gate that holds a pod back from scheduling.")]
public sealed record PodSchedulingGate
{
    [Proto(1), RequiredField, Description("Name of the gate.")]
    public string Name { get; init; } = "";
}

[Description("Names a resource claim used by the pod.")]
public sealed record PodResourceClaim
{
    [Proto(1), RequiredField, Description("Name of the claim within the pod.")]
    public string Name { get; init; } = "";

    [Proto(3), Description("Existing ResourceClaim to use.")]
    public string? ResourceClaimName { get; init; }

    [Proto(4), Description("ResourceClaimTemplate to create a claim from for this pod.")]
    public string? ResourceClaimTemplateName { get; init; }
}
