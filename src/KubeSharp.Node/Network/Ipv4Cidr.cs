using System.Net;

namespace KubeSharp.Node.Network;

/// <summary>An IPv4 network such as <c>10.42.0.0/24</c>.</summary>
public sealed record Ipv4Cidr(uint Network, int PrefixLength)
{
    public static Ipv4Cidr Parse(string cidr)
    {
        var slash = cidr.IndexOf('/');
        if (slash < 0 || !IPAddress.TryParse(cidr[..slash], out var address) || address.AddressFamily != System.Net.Sockets.AddressFamily.InterNetwork
            || !int.TryParse(cidr[(slash + 1)..], out var length) || length is < 8 or > 30)
            throw new FormatException($"\"{cidr}\" is not an IPv4 CIDR with a prefix length between 8 and 30");
        var mask = length == 0 ? 0u : uint.MaxValue << (32 - length);
        return new Ipv4Cidr(ToUInt(address) & mask, length);
    }

    public uint Mask => uint.MaxValue << (32 - PrefixLength);

    /// <summary>By convention the first host address is the bridge (gateway).</summary>
    public IPAddress Gateway => ToAddress(Network + 1);

    public IPAddress FirstPodAddress => ToAddress(Network + 2);

    /// <summary>The last usable address (the broadcast address is excluded).</summary>
    public IPAddress LastPodAddress => ToAddress((Network | ~Mask) - 1);

    public bool Contains(IPAddress address) => (ToUInt(address) & Mask) == Network;

    public override string ToString() => $"{ToAddress(Network)}/{PrefixLength}";

    public static uint ToUInt(IPAddress address)
    {
        var bytes = address.GetAddressBytes();
        return (uint)(bytes[0] << 24 | bytes[1] << 16 | bytes[2] << 8 | bytes[3]);
    }

    public static IPAddress ToAddress(uint value) =>
        new([(byte)(value >> 24), (byte)(value >> 16), (byte)(value >> 8), (byte)value]);
}
