using System.Text;

namespace KubeSharp.Node.Runtime.Sandbox;

/// <summary>The files every container of a pod shares by bind mount: <c>/etc/hosts</c>, <c>/etc/resolv.conf</c>, <c>/etc/hostname</c>.</summary>
internal static class SandboxFiles
{
    public static async Task WriteAsync(string directory, PodSandboxConfig config, string podIp, CancellationToken cancellationToken)
    {
        var hosts = config.HostNetwork
            ? HostNetworkHosts(config, File.Exists("/etc/hosts") ? await File.ReadAllTextAsync("/etc/hosts", cancellationToken) : "")
            : Hosts(config, podIp);
        await File.WriteAllTextAsync(Path.Combine(directory, "hosts"), hosts, cancellationToken);
        await File.WriteAllTextAsync(Path.Combine(directory, "resolv.conf"), await ResolvConfAsync(config.Dns, cancellationToken), cancellationToken);
        await File.WriteAllTextAsync(Path.Combine(directory, "hostname"), config.Hostname + "\n", cancellationToken);
    }

    /// <summary>The same layout the kubelet writes: loopback lines, the pod's own address, then host aliases.</summary>
    public static string Hosts(PodSandboxConfig config, string podIp)
    {
        var text = new StringBuilder()
            .Append("# Kubernetes-managed hosts file.\n")
            .Append("127.0.0.1\tlocalhost\n")
            .Append("::1\tlocalhost ip6-localhost ip6-loopback\n")
            .Append("fe00::0\tip6-localnet\n")
            .Append("fe00::0\tip6-mcastprefix\n")
            .Append("fe00::1\tip6-allnodes\n")
            .Append("fe00::2\tip6-allrouters\n");
        text.Append(podIp).Append('\t');
        if (config.HostnameFqdn is { Length: > 0 } fqdn)
            text.Append(fqdn).Append('\t');
        text.Append(config.Hostname).Append('\n');
        AppendAliases(text, config);
        return text.ToString();
    }

    /// <summary>As the kubelet does for host-network pods: the node's own <c>/etc/hosts</c>, then host aliases.</summary>
    public static string HostNetworkHosts(PodSandboxConfig config, string nodeHosts)
    {
        var text = new StringBuilder("# Kubernetes-managed hosts file (host network).\n").Append(nodeHosts);
        if (text.Length > 0 && text[^1] != '\n')
            text.Append('\n');
        AppendAliases(text, config);
        return text.ToString();
    }

    private static void AppendAliases(StringBuilder text, PodSandboxConfig config)
    {
        if (config.HostAliases is not { Count: > 0 } aliases)
            return;
        text.Append("\n# Entries added by HostAliases.\n");
        foreach (var alias in aliases)
            text.Append(alias.Ip).Append('\t').Append(string.Join('\t', alias.Hostnames)).Append('\n');
    }

    public static async Task<string> ResolvConfAsync(DnsConfig? dns, CancellationToken cancellationToken)
    {
        if (dns is null)
            return File.Exists("/etc/resolv.conf") ? await File.ReadAllTextAsync("/etc/resolv.conf", cancellationToken) : "";
        var text = new StringBuilder();
        if (dns.Searches is { Count: > 0 } searches)
            text.Append("search ").AppendJoin(' ', searches).Append('\n');
        foreach (var server in dns.Nameservers)
            text.Append("nameserver ").Append(server).Append('\n');
        if (dns.Options is { Count: > 0 } options)
            text.Append("options ").AppendJoin(' ', options).Append('\n');
        return text.ToString();
    }
}
