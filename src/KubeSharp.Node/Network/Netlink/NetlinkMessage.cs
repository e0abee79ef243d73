using System.Buffers.Binary;
using System.Text;

namespace KubeSharp.Node.Network.Netlink;

/// <summary>
/// Builds one rtnetlink request: the 16-byte <c>nlmsghdr</c>, a fixed family header (<c>ifinfomsg</c>, <c>ifaddrmsg</c>,
/// <c>rtmsg</c>) and attributes, nested ones included, each padded to 4 bytes as the kernel expects.
/// </summary>
internal sealed class NetlinkMessage
{
    const int HeaderLength = 16;
    readonly List<byte> _bytes = new(256);
    readonly Stack<int> _nests = new();

    public NetlinkMessage(ushort type, ushort flags)
    {
        _bytes.AddRange(new byte[HeaderLength]);
        WriteUInt16(4, type);
        WriteUInt16(6, (ushort)(flags | Rtnl.NLM_F_REQUEST | Rtnl.NLM_F_ACK));
    }

    /// <summary><c>struct ifinfomsg</c>: family, type, index, flags and the mask of flags to change.</summary>
    public NetlinkMessage InterfaceInfo(int index = 0, uint flags = 0, uint change = 0)
    {
        Span<byte> header = stackalloc byte[16];
        BinaryPrimitives.WriteInt32LittleEndian(header[4..], index);
        BinaryPrimitives.WriteUInt32LittleEndian(header[8..], flags);
        BinaryPrimitives.WriteUInt32LittleEndian(header[12..], change);
        _bytes.AddRange(header);
        return this;
    }

    /// <summary><c>struct ifaddrmsg</c> for an IPv4 address on <paramref name="index"/>.</summary>
    public NetlinkMessage AddressInfo(byte prefixLength, int index)
    {
        Span<byte> header = stackalloc byte[8];
        header[0] = Rtnl.AF_INET;
        header[1] = prefixLength;
        BinaryPrimitives.WriteInt32LittleEndian(header[4..], index);
        _bytes.AddRange(header);
        return this;
    }

    /// <summary><c>struct rtmsg</c> for an IPv4 unicast route in the main table, as <c>ip route add</c> makes it.</summary>
    public NetlinkMessage RouteInfo(byte destinationLength)
    {
        Span<byte> header = stackalloc byte[12];
        header[0] = Rtnl.AF_INET;
        header[1] = destinationLength;
        header[4] = Rtnl.RT_TABLE_MAIN;
        header[5] = Rtnl.RTPROT_BOOT;
        header[6] = Rtnl.RT_SCOPE_UNIVERSE;
        header[7] = Rtnl.RTN_UNICAST;
        _bytes.AddRange(header);
        return this;
    }

    public NetlinkMessage String(ushort type, string value)
    {
        var bytes = Encoding.ASCII.GetBytes(value + "\0");
        return Attribute(type, bytes);
    }

    public NetlinkMessage UInt32(ushort type, uint value)
    {
        Span<byte> bytes = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32LittleEndian(bytes, value);
        return Attribute(type, bytes);
    }

    public NetlinkMessage Bytes(ushort type, ReadOnlySpan<byte> value) => Attribute(type, value);

    /// <summary>Opens a nested attribute; everything until <see cref="EndNest"/> goes inside it.</summary>
    public NetlinkMessage BeginNest(ushort type)
    {
        _nests.Push(_bytes.Count);
        _bytes.AddRange(new byte[4]);
        WriteUInt16(_nests.Peek() + 2, type);
        return this;
    }

    public NetlinkMessage EndNest()
    {
        var start = _nests.Pop();
        WriteUInt16(start, (ushort)(_bytes.Count - start));
        return this;
    }

    /// <summary>The finished message with its length and <paramref name="sequence"/> filled in.</summary>
    public byte[] ToArray(uint sequence)
    {
        if (_nests.Count > 0) throw new InvalidOperationException("unclosed nested attribute");
        var bytes = _bytes.ToArray();
        BinaryPrimitives.WriteUInt32LittleEndian(bytes, (uint)bytes.Length);
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(8), sequence);
        return bytes;
    }

    NetlinkMessage Attribute(ushort type, ReadOnlySpan<byte> value)
    {
        var length = 4 + value.Length;
        Span<byte> header = stackalloc byte[4];
        BinaryPrimitives.WriteUInt16LittleEndian(header, (ushort)length);
        BinaryPrimitives.WriteUInt16LittleEndian(header[2..], type);
        _bytes.AddRange(header);
        _bytes.AddRange(value);
        for (var pad = Align(length) - length; pad > 0; pad--) _bytes.Add(0);
        return this;
    }

    void WriteUInt16(int offset, ushort value)
    {
        _bytes[offset] = (byte)value;
        _bytes[offset + 1] = (byte)(value >> 8);
    }

    public static int Align(int length) => (length + 3) & ~3;
}
