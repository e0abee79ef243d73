using System.Net;
using System.Security.Cryptography;
using System.Text;
using KubeSharp.Client;
using KubeSharp.Node.Kubelet;
using KubeSharp.Node.Network;
using Microsoft.Extensions.Logging;

namespace KubeSharp.Cli;

/// <summary>
/// The in-process node agent of <c>kubesharp server</c> (as <c>k3s server</c> runs one) and the per-instance
/// host names it gets: several servers on one machine must never share a bridge, pod range, netns or cgroup.
/// </summary>
public static class AgentHost
{
    public const string DefaultPodCidr = "10.42.0.0/24";

    /// <summary>1 + 5 hex characters from the data dir, e.g. <c>k3f9a1</c>: the bridge is <c>k3f9a10</c>, the cgroup parent <c>/kubesharp-k3f9a1</c>.</summary>
    public static string InstancePrefix(string dataDir) =>
        "k" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Path.GetFullPath(dataDir))))[..5];

    /// <summary>
    /// The node's pod range: <c>--cluster-cidr</c> when given (its first /24 when it is larger), else 10.42.0.0/24
    /// for the default data dir and otherwise a /24 inside 10.42.0.0/16 picked by hashing the data dir, moving on
    /// while another interface already routes the candidate.
    /// </summary>
    public static string PodCidr(string dataDir, string defaultDataDir, string? clusterCidr, string bridgeName)
    {
        if (clusterCidr is not null)
        {
            var cidr = Ipv4Cidr.Parse(clusterCidr);
            return cidr.PrefixLength >= 24 ? cidr.ToString() : new Ipv4Cidr(cidr.Network, 24).ToString();
        }
        var routes = RoutedNetworks();
        bool Taken(string candidate) => routes.Any(r => r.Network == candidate && r.Device != bridgeName);
        if (Path.GetFullPath(dataDir) == Path.GetFullPath(defaultDataDir) && !Taken(DefaultPodCidr)) return DefaultPodCidr;
        var hash = BitConverter.ToUInt32(SHA256.HashData(Encoding.UTF8.GetBytes(Path.GetFullPath(dataDir))));
        for (var i = 0; i < 255; i++)
        {
            var third = 1 + (int)((hash + (uint)i) % 255);
            var candidate = $"10.42.{third}.0/24";
            if (!Taken(candidate)) return candidate;
        }
        throw new InvalidOperationException("no free /24 left in 10.42.0.0/16 for the pod network; pass --cluster-cidr");
    }

    /// <summary>The networks of the host's routing table (<c>/proc/net/route</c>) and the device routing each.</summary>
    static List<(string Network, string Device)> RoutedNetworks()
    {
        var result = new List<(string, string)>();
        if (!File.Exists("/proc/net/route")) return result;
        foreach (var line in File.ReadLines("/proc/net/route").Skip(1))
        {
            var f = line.Split('\t', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            if (f.Length < 8) continue;
            var destination = new IPAddress(Convert.ToUInt32(f[1], 16));
            var mask = Convert.ToUInt32(f[7], 16);
            var length = BitOperations(mask);
            if (length == 0) continue;
            result.Add(($"{destination}/{length}", f[0]));
        }
        return result;
    }

    static int BitOperations(uint mask) => System.Numerics.BitOperations.PopCount(mask);

    /// <summary>The service CIDR's tenth address, where cluster DNS lives (10.43.0.10 for 10.43.0.0/16).</summary>
    public static string ClusterDnsFor(string serviceCidr)
    {
        var cidr = Ipv4Cidr.Parse(serviceCidr);
        return Ipv4Cidr.ToAddress(cidr.Network + 10).ToString();
    }

    public static async Task<NodeAgent?> StartAsync(IApiClient api, string dataDir, string defaultDataDir, Flags flags, string serviceCidr,
        ILoggerFactory logs, TimeProvider time, CancellationToken ct)
    {
        var log = logs.CreateLogger("kubesharp");
        if (flags.Get("disable-agent") == "true") return null;
        if (NodeAgent.MissingRequirement() is { } missing)
        {
            log.LogWarning("not starting the node agent: {Reason} (pass --disable-agent to silence this)", missing);
            return null;
        }
        var prefix = InstancePrefix(dataDir);
        var names = NetworkNames.For(prefix);
        // The range is remembered: pods adopted after a restart keep their addresses only if it stays the same.
        var agentDir = Path.Combine(dataDir, "agent");
        var cidrFile = Path.Combine(agentDir, "pod-cidr");
        var podCidr = flags.Get("cluster-cidr") is null && File.Exists(cidrFile)
            ? (await File.ReadAllTextAsync(cidrFile, ct)).Trim()
            : PodCidr(dataDir, defaultDataDir, flags.Get("cluster-cidr"), names.DefaultBridge);
        Directory.CreateDirectory(agentDir);
        await File.WriteAllTextAsync(cidrFile, podCidr, ct);
        var options = new KubeletOptions(
            NodeName: (flags.Get("node-name") ?? Dns.GetHostName()).ToLowerInvariant(),
            AgentDirectory: agentDir,
            InstancePrefix: prefix,
            PodCidr: podCidr,
            ClusterDns: ClusterDnsFor(serviceCidr),
            NodeIp: flags.Get("node-ip"),
            ManifestsDirectory: Path.Combine(dataDir, "manifests"));
        return await NodeAgent.StartAsync(api, options, flags.Get("cleanup-on-exit") == "true", logs, time, ct);
    }
}
