using System.Buffers.Binary;
using System.Net;

namespace KubeSharp.Node.Network.Netlink;

/// <summary>The link, address and route requests of a pod's network set-up, each what one <c>ip</c> command would send.</summary>
internal static class RouteNetlink
{
    /// <summary><c>ip link add HOST type veth peer name PEER netns NS</c>.</summary>
    public static void CreateVethPair(NetlinkSocket socket, string hostName, string peerName, int peerNetnsFd)
    {
        var message = new NetlinkMessage(Rtnl.RTM_NEWLINK, Rtnl.NLM_F_CREATE | Rtnl.NLM_F_EXCL)
            .InterfaceInfo()
            .String(Rtnl.IFLA_IFNAME, hostName)
            .BeginNest(Rtnl.IFLA_LINKINFO)
                .String(Rtnl.IFLA_INFO_KIND, "veth")
                .BeginNest(Rtnl.IFLA_INFO_DATA)
                    .BeginNest(Rtnl.VETH_INFO_PEER)
                        .InterfaceInfo()
                        .String(Rtnl.IFLA_IFNAME, peerName)
                        .UInt32(Rtnl.IFLA_NET_NS_FD, (uint)peerNetnsFd)
                    .EndNest()
                .EndNest()
            .EndNest();
        socket.Request(message, $"creating veth pair {hostName}/{peerName}");
    }

    /// <summary><c>ip link set NAME master MASTER up</c>.</summary>
    public static void SetMasterAndUp(NetlinkSocket socket, string name, int masterIndex)
    {
        var message = new NetlinkMessage(Rtnl.RTM_NEWLINK, 0)
            .InterfaceInfo(flags: Rtnl.IFF_UP, change: Rtnl.IFF_UP)
            .String(Rtnl.IFLA_IFNAME, name)
            .UInt32(Rtnl.IFLA_MASTER, (uint)masterIndex);
        socket.Request(message, $"attaching {name} to its bridge");
    }

    /// <summary><c>ip link set dev INDEX up</c>.</summary>
    public static void SetUp(NetlinkSocket socket, int index, string name) =>
        socket.Request(new NetlinkMessage(Rtnl.RTM_NEWLINK, 0).InterfaceInfo(index, Rtnl.IFF_UP, Rtnl.IFF_UP), $"setting {name} up");

    /// <summary>The interface index of <paramref name="name"/> in the socket's namespace.</summary>
    public static int IndexOf(NetlinkSocket socket, string name)
    {
        var replies = socket.Request(new NetlinkMessage(Rtnl.RTM_GETLINK, 0).InterfaceInfo().String(Rtnl.IFLA_IFNAME, name), $"looking up link {name}");
        if (replies.Count == 0 || replies[0].Length < 16) throw new IOException($"looking up link {name}: no answer");
        return BinaryPrimitives.ReadInt32LittleEndian(replies[0].AsSpan(4));
    }

    /// <summary><c>ip addr add ADDRESS/PREFIX dev INDEX</c>.</summary>
    public static void AddAddress(NetlinkSocket socket, int index, IPAddress address, int prefixLength)
    {
        var bytes = address.GetAddressBytes();
        var message = new NetlinkMessage(Rtnl.RTM_NEWADDR, Rtnl.NLM_F_CREATE | Rtnl.NLM_F_EXCL)
            .AddressInfo((byte)prefixLength, index)
            .Bytes(Rtnl.IFA_LOCAL, bytes)
            .Bytes(Rtnl.IFA_ADDRESS, bytes);
        socket.Request(message, $"adding address {address}/{prefixLength}");
    }

    /// <summary><c>ip route add default via GATEWAY</c>.</summary>
    public static void AddDefaultRoute(NetlinkSocket socket, IPAddress gateway)
    {
        var message = new NetlinkMessage(Rtnl.RTM_NEWROUTE, Rtnl.NLM_F_CREATE | Rtnl.NLM_F_EXCL)
            .RouteInfo(destinationLength: 0)
            .Bytes(Rtnl.RTA_GATEWAY, gateway.GetAddressBytes());
        socket.Request(message, $"adding default route via {gateway}");
    }

    /// <summary><c>ip link del NAME</c>; false when there was no such link.</summary>
    public static bool DeleteLink(NetlinkSocket socket, string name)
    {
        try
        {
            socket.Request(new NetlinkMessage(Rtnl.RTM_DELLINK, 0).InterfaceInfo().String(Rtnl.IFLA_IFNAME, name), $"deleting link {name}");
            return true;
        }
        catch (IOException e) when (e.HResult == Rtnl.ENODEV)
        {
            return false;
        }
    }
}
