using KubeSharp.Node.Network.Netlink;
using KubeSharp.Node.Runtime.Native;
namespace KubeSharp.Node.Network;

/// <summary>
/// The node's pod network: one Linux bridge per kubesharp instance holding the gateway address of the pod CIDR,
/// and per pod a named network namespace (a bind-mounted file under <c>/var/run/netns</c>, so no pause process is
/// needed to keep it alive) joined to the bridge by a veth pair whose inner end is <c>eth0</c>. Pods are wired
/// over rtnetlink directly: the same requests as <c>ip</c> sends, without starting a process per pod (the bridge,
/// made once, still comes from <c>ip</c>).
/// </summary>
public sealed class BridgePodNetwork : IPodNetwork
{
    private readonly PodNetworkOptions _options;
    private readonly NetworkNames _names;
    private readonly Ipv4Cidr _cidr;
    private readonly FileIpam _ipam;
    private readonly IpCommand _ip;

    public BridgePodNetwork(PodNetworkOptions options, IpCommand? ip = null)
    {
        _options = options;
        _names = NetworkNames.For(options.InstancePrefix);
        _cidr = Ipv4Cidr.Parse(options.PodCidr);
        _ip = ip ?? new IpCommand();
        BridgeName = options.BridgeName ?? _names.DefaultBridge;
        if (BridgeName.Length > 15)
            throw new ArgumentException($"bridge name \"{BridgeName}\" is longer than 15 characters", nameof(options));
        _ipam = new FileIpam(Path.Combine(options.StateDirectory, "ipam"), _cidr);
    }

    public string BridgeName { get; }

    public Ipv4Cidr Cidr => _cidr;

    public NetworkNames Names => _names;

    public FileIpam Ipam => _ipam;

    public async Task EnsureHostNetworkAsync(CancellationToken cancellationToken)
    {
        if (!Directory.Exists(Path.Combine("/sys/class/net", BridgeName)))
        {
            var result = await _ip.BatchAsync(
            [
                $"link add {BridgeName} type bridge",
                $"addr add {_cidr.Gateway}/{_cidr.PrefixLength} dev {BridgeName}",
                $"link set {BridgeName} up",
            ], netns: null, force: true, cancellationToken);
            // Another caller may have created it at the same moment; only a missing bridge is a failure.
            if (!Directory.Exists(Path.Combine("/sys/class/net", BridgeName)))
                result.ThrowIfFailed($"creating bridge {BridgeName}");
        }

        NamedNetns.PrepareRunDirectory();

        const string forward = "/proc/sys/net/ipv4/ip_forward";
        if ((await File.ReadAllTextAsync(forward, cancellationToken)).Trim() != "1")
            await File.WriteAllTextAsync(forward, "1", cancellationToken);

        if (_options.Masquerade)
        {
            var rule = MasqueradeRule();
            var check = await ProcessRunner.RunAsync("iptables", ["-w", "-t", "nat", "-C", .. rule], null, cancellationToken);
            if (check.ExitCode != 0)
                (await ProcessRunner.RunAsync("iptables", ["-w", "-t", "nat", "-A", .. rule], null, cancellationToken)).ThrowIfFailed("adding MASQUERADE rule");
        }
    }

    internal string[] MasqueradeRule() =>
        ["POSTROUTING", "-s", _cidr.ToString(), "!", "-o", BridgeName, "-m", "comment", "--comment", NetworkSweeper.RuleComment(_names.Prefix), "-j", "MASQUERADE"];

    public async Task<PodNetworkStatus> SetUpPodAsync(string sandboxId, CancellationToken cancellationToken)
    {
        var address = await _ipam.AllocateAsync(sandboxId, cancellationToken);
        var netns = _names.Netns(sandboxId);
        var veth = _names.HostVeth(sandboxId);
        try
        {
            await NamedNetns.CreateAsync(netns, (host, inside, podNs) =>
            {
                RouteNetlink.CreateVethPair(host, veth, "eth0", podNs);
                RouteNetlink.SetMasterAndUp(host, veth, RouteNetlink.IndexOf(host, BridgeName));
                RouteNetlink.SetUp(inside, LoopbackIndex, "lo");
                var eth0 = RouteNetlink.IndexOf(inside, "eth0");
                RouteNetlink.AddAddress(inside, eth0, address, _cidr.PrefixLength);
                RouteNetlink.SetUp(inside, eth0, "eth0");
                RouteNetlink.AddDefaultRoute(inside, _cidr.Gateway);
            });
        }
        catch
        {
            await TearDownPodAsync(sandboxId, CancellationToken.None);
            throw;
        }
        return new PodNetworkStatus(netns, NetworkNames.NetnsPath(netns), address, _cidr.PrefixLength, _cidr.Gateway, veth);
    }

    public async Task TearDownPodAsync(string sandboxId, CancellationToken cancellationToken)
    {
        using (var host = new NetlinkSocket())
            RouteNetlink.DeleteLink(host, _names.HostVeth(sandboxId));
        NamedNetns.Delete(_names.Netns(sandboxId));
        await _ipam.ReleaseAsync(sandboxId, cancellationToken);
    }

    /// <summary>The kernel gives every namespace's loopback this index.</summary>
    const int LoopbackIndex = 1;
}
