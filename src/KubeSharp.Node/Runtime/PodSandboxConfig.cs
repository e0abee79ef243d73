namespace KubeSharp.Node.Runtime;

/// <summary>What a pod sandbox is created from (CRI <c>PodSandboxConfig</c>, reduced to what kubesharp uses).</summary>
/// <param name="HostnameFqdn">Extra name for the pod's own line in <c>/etc/hosts</c>, e.g. <c>web-0.web.default.svc.cluster.local</c>.</param>
/// <param name="HostNetwork">The pod uses the node's network and UTS namespaces (<c>hostNetwork: true</c>): no netns, no address of its own.</param>
public sealed record PodSandboxConfig(
    PodSandboxMetadata Metadata,
    string Hostname,
    DnsConfig? Dns = null,
    IReadOnlyList<HostAlias>? HostAliases = null,
    IReadOnlyDictionary<string, string>? Labels = null,
    IReadOnlyDictionary<string, string>? Annotations = null,
    string? HostnameFqdn = null,
    bool HostNetwork = false);

public sealed record PodSandboxMetadata(string Name, string Namespace, string Uid, int Attempt = 0);

/// <summary>Written to the pod's <c>/etc/resolv.conf</c>. Null on the sandbox means "copy the node's".</summary>
public sealed record DnsConfig(
    IReadOnlyList<string> Nameservers,
    IReadOnlyList<string>? Searches = null,
    IReadOnlyList<string>? Options = null);

/// <summary>An extra <c>/etc/hosts</c> line (pod <c>spec.hostAliases</c>).</summary>
public sealed record HostAlias(string Ip, IReadOnlyList<string> Hostnames);
