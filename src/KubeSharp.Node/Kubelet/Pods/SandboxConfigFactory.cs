using KubeSharp.Api.Model.Core;
using KubeSharp.Node.Runtime;
using RuntimeHostAlias = KubeSharp.Node.Runtime.HostAlias;

namespace KubeSharp.Node.Kubelet.Pods;

/// <summary>The sandbox of a pod: host name, /etc/hosts extras and resolv.conf from the DNS policy.</summary>
public static class SandboxConfigFactory
{
    public static PodSandboxConfig Build(Pod pod, KubeletOptions options, int attempt)
    {
        var meta = pod.Metadata;
        var ns = meta.Namespace ?? "default";
        var hostNetwork = pod.Spec?.HostNetwork == true;
        var hostname = Truncate(string.IsNullOrEmpty(pod.Spec?.Hostname) ? meta.Name ?? "" : pod.Spec!.Hostname!, 63);
        string? fqdn = null;
        if (!string.IsNullOrEmpty(pod.Spec?.Subdomain))
            fqdn = $"{hostname}.{pod.Spec!.Subdomain}.{ns}.svc.{options.ClusterDomain}";
        if (pod.Spec?.SetHostnameAsFQDN == true && fqdn is not null) hostname = Truncate(fqdn, 64);
        // A host-network pod shares the node's UTS namespace, so it has the machine's host name (HOSTNAME, /etc/hostname).
        if (hostNetwork) (hostname, fqdn) = (System.Net.Dns.GetHostName(), null);
        var aliases = pod.Spec?.HostAliases?.Select(a => new RuntimeHostAlias(a.IP, a.Hostnames ?? [])).ToList();
        return new PodSandboxConfig(
            new PodSandboxMetadata(meta.Name ?? "", ns, meta.Uid ?? "", attempt),
            hostname,
            Dns(pod, options),
            aliases,
            new Dictionary<string, string>
            {
                [KubeletLabels.PodUid] = meta.Uid ?? "",
                [KubeletLabels.PodName] = meta.Name ?? "",
                [KubeletLabels.PodNamespace] = ns,
            },
            null,
            fqdn,
            hostNetwork);
    }

    /// <summary>resolv.conf per <c>dnsPolicy</c> (null = the node's own), merged with <c>dnsConfig</c>.</summary>
    public static DnsConfig? Dns(Pod pod, KubeletOptions options)
    {
        var ns = pod.Metadata.Namespace ?? "default";
        var policy = pod.Spec?.DNSPolicy ?? "ClusterFirst";
        // Upstream: host-network pods resolve like the node unless they ask for ClusterFirstWithHostNet.
        if (policy == "ClusterFirst" && pod.Spec?.HostNetwork == true) policy = "Default";
        List<string> servers, searches, opts;
        switch (policy)
        {
            case "Default":
                if (pod.Spec?.DNSConfig is null) return null;
                var host = HostResolvConf();
                (servers, searches, opts) = (host.Nameservers.ToList(), (host.Searches ?? []).ToList(), (host.Options ?? []).ToList());
                break;
            case "None":
                (servers, searches, opts) = ([], [], []);
                break;
            default:
                servers = [options.ClusterDns];
                searches = [$"{ns}.svc.{options.ClusterDomain}", $"svc.{options.ClusterDomain}", options.ClusterDomain];
                opts = ["ndots:5"];
                break;
        }
        if (pod.Spec?.DNSConfig is { } extra)
        {
            foreach (var server in extra.Nameservers ?? []) if (!servers.Contains(server)) servers.Add(server);
            foreach (var search in extra.Searches ?? []) if (!searches.Contains(search)) searches.Add(search);
            foreach (var option in extra.Options ?? [])
            {
                if (string.IsNullOrEmpty(option.Name)) continue;
                opts.RemoveAll(o => o.Split(':')[0] == option.Name);
                opts.Add(option.Value is null ? option.Name : $"{option.Name}:{option.Value}");
            }
        }
        // The resolver reads at most 3 nameservers and 32 search domains, as upstream trims them.
        return new DnsConfig(servers.Take(3).ToList(), searches.Take(32).ToList(), opts);
    }

    static DnsConfig HostResolvConf()
    {
        var servers = new List<string>();
        var searches = new List<string>();
        var opts = new List<string>();
        if (File.Exists("/etc/resolv.conf"))
        {
            foreach (var line in File.ReadLines("/etc/resolv.conf"))
            {
                var fields = line.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
                if (fields.Length < 2) continue;
                switch (fields[0])
                {
                    case "nameserver": servers.Add(fields[1]); break;
                    case "search": searches = fields[1..].ToList(); break;
                    case "options": opts.AddRange(fields[1..]); break;
                }
            }
        }
        return new DnsConfig(servers, searches, opts);
    }

    static string Truncate(string value, int max) => value.Length <= max ? value : value[..max].TrimEnd('-', '.');
}
