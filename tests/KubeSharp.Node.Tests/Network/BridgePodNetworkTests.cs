using System.Buffers.Binary;
using System.Security.Cryptography;
using KubeSharp.Node.Network;
using KubeSharp.Node.Network.Netlink;
using KubeSharp.Node.Runtime;
using KubeSharp.Node.Runtime.Native;
using KubeSharp.Node.Tests.Runtime;

namespace KubeSharp.Node.Tests.Network;

public sealed class BridgePodNetworkTests
{
    [Fact]
    public void Netlink_messages_carry_lengths_sequence_and_padded_nested_attributes()
    {
        var bytes = new NetlinkMessage(Rtnl.RTM_NEWLINK, Rtnl.NLM_F_CREATE)
            .InterfaceInfo(index: 7, flags: Rtnl.IFF_UP, change: Rtnl.IFF_UP)
            .BeginNest(Rtnl.IFLA_LINKINFO).String(Rtnl.IFLA_INFO_KIND, "veth").EndNest()
            .ToArray(sequence: 42);

        Assert.Equal(bytes.Length, (int)BinaryPrimitives.ReadUInt32LittleEndian(bytes));
        Assert.Equal(Rtnl.RTM_NEWLINK, BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(4)));
        Assert.Equal(Rtnl.NLM_F_CREATE | Rtnl.NLM_F_REQUEST | Rtnl.NLM_F_ACK, BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(6)));
        Assert.Equal(42u, BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(8)));
        Assert.Equal(7, BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(16 + 4)));
        // The nest: its own 4-byte header plus "veth\0" in a 4-byte header, padded from 9 to 12.
        Assert.Equal(16, BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(32)));
        Assert.Equal(Rtnl.IFLA_LINKINFO, BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(34)));
        Assert.Equal(9, BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(36)));
        Assert.Equal(48, bytes.Length);
    }

    [RootFact]
    public async Task A_pod_gets_a_namespace_with_eth0_its_address_and_a_default_route_and_tear_down_removes_all()
    {
        var prefix = "n" + RandomNumberGenerator.GetString("abcdefghijklmnopqrstuvwxyz0123456789", 5);
        var root = Path.Combine(Path.GetTempPath(), "kubesharp-test-" + prefix);
        var cidr = $"10.{RandomNumberGenerator.GetInt32(100, 200)}.{RandomNumberGenerator.GetInt32(0, 256)}.0/24";
        var network = new BridgePodNetwork(new PodNetworkOptions(prefix, cidr, Path.Combine(root, "network")));
        try
        {
            await network.EnsureHostNetworkAsync(CancellationToken.None);
            var status = await network.SetUpPodAsync("sandbox1", CancellationToken.None);

            var ip = new IpCommand();
            var addresses = await ip.RunAsync(["-n", status.NetnsName, "-4", "-o", "addr", "show", "dev", "eth0"], CancellationToken.None);
            Assert.Contains($"inet {status.Address}/{network.Cidr.PrefixLength}", addresses.StandardOutput);
            var routes = await ip.RunAsync(["-n", status.NetnsName, "route", "show", "default"], CancellationToken.None);
            Assert.Contains($"default via {network.Cidr.Gateway} dev eth0", routes.StandardOutput);
            var links = await ip.RunAsync(["-n", status.NetnsName, "-o", "link", "show", "up"], CancellationToken.None);
            Assert.Contains(": lo:", links.StandardOutput);
            Assert.Contains(": eth0@", links.StandardOutput);
            var host = await ip.RunAsync(["-o", "link", "show", status.HostVeth], CancellationToken.None);
            Assert.Contains($"master {network.BridgeName}", host.StandardOutput);
            Assert.Contains("state UP", host.StandardOutput);
            // The host reaches the pod across the bridge.
            var ping = await ProcessRunner.RunAsync("/bin/busybox", ["ping", "-c", "1", "-W", "2", status.Address.ToString()], null, CancellationToken.None);
            Assert.True(ping.ExitCode == 0, ping.StandardOutput + ping.StandardError);

            // Creating a namespace that exists fails and leaves the existing one alone.
            await Assert.ThrowsAsync<IOException>(() => NamedNetns.CreateAsync(status.NetnsName, (_, _, _) => { }));
            Assert.True(File.Exists(status.NetnsPath));

            await network.TearDownPodAsync("sandbox1", CancellationToken.None);
            Assert.False(File.Exists(NetworkNames.NetnsPath(status.NetnsName)));
            Assert.False(Directory.Exists(Path.Combine("/sys/class/net", status.HostVeth)));
            Assert.Null(await network.Ipam.FindAsync("sandbox1", CancellationToken.None));
        }
        finally
        {
            await RuntimeSweeper.SweepAsync(prefix, root, deleteRootDirectory: true, CancellationToken.None);
        }
    }
}
