using System.Buffers.Binary;
using System.Runtime.InteropServices;

namespace KubeSharp.Node.Network.Netlink;

/// <summary>
/// A blocking <c>NETLINK_ROUTE</c> socket talking to the kernel, request by request (each acknowledged). A socket
/// belongs to the network namespace of the thread that opened it, which is how one pod set-up talks to the host and
/// to the pod's namespace at the same time.
/// </summary>
internal sealed unsafe class NetlinkSocket : IDisposable
{
    readonly int _fd;
    uint _sequence;

    public NetlinkSocket()
    {
        _fd = socket(Rtnl.AF_NETLINK, Rtnl.SOCK_RAW | Rtnl.SOCK_CLOEXEC, Rtnl.NETLINK_ROUTE);
        if (_fd < 0) throw Error("socket(AF_NETLINK)", Marshal.GetLastPInvokeError());
    }

    /// <summary>Sends <paramref name="message"/> and waits for its acknowledgement; the kernel's errors become exceptions.</summary>
    /// <returns>The payloads (after the 16-byte header) of the reply messages before the acknowledgement.</returns>
    public List<byte[]> Request(NetlinkMessage message, string what)
    {
        var sequence = ++_sequence;
        var bytes = message.ToArray(sequence);
        // struct sockaddr_nl of the kernel (port 0): an unconnected netlink socket needs the address on every send.
        Span<byte> kernel = stackalloc byte[12];
        kernel.Clear();
        BinaryPrimitives.WriteUInt16LittleEndian(kernel, Rtnl.AF_NETLINK);
        fixed (byte* p = bytes)
        fixed (byte* address = kernel)
        {
            if (sendto(_fd, p, bytes.Length, 0, address, kernel.Length) != bytes.Length) throw Error(what, Marshal.GetLastPInvokeError());
        }
        var replies = new List<byte[]>();
        var buffer = new byte[32 * 1024];
        while (true)
        {
            nint received;
            fixed (byte* p = buffer) received = recv(_fd, p, buffer.Length, 0);
            if (received < 0)
            {
                var errno = Marshal.GetLastPInvokeError();
                if (errno == 4 /* EINTR */) continue;
                throw Error(what, errno);
            }
            var span = buffer.AsSpan(0, (int)received);
            while (span.Length >= 16)
            {
                var length = (int)BinaryPrimitives.ReadUInt32LittleEndian(span);
                var type = BinaryPrimitives.ReadUInt16LittleEndian(span[4..]);
                var seq = BinaryPrimitives.ReadUInt32LittleEndian(span[8..]);
                if (length < 16 || length > span.Length) throw new IOException($"{what}: malformed netlink reply");
                if (seq == sequence)
                {
                    if (type == Rtnl.NLMSG_ERROR)
                    {
                        var error = -BinaryPrimitives.ReadInt32LittleEndian(span[16..]);
                        if (error != 0) throw Error(what, error);
                        return replies;
                    }
                    if (type == Rtnl.NLMSG_DONE) return replies;
                    replies.Add(span[16..length].ToArray());
                }
                span = span[Math.Min(NetlinkMessage.Align(length), span.Length)..];
            }
        }
    }

    public void Dispose() => close(_fd);

    static IOException Error(string what, int errno) =>
        new($"{what}: {Marshal.GetPInvokeErrorMessage(errno)} (errno {errno})", errno);

    [DllImport("libc", SetLastError = true)]
    static extern int socket(int domain, int type, int protocol);

    [DllImport("libc", SetLastError = true)]
    static extern nint sendto(int fd, byte* buffer, nint length, int flags, byte* address, int addressLength);

    [DllImport("libc", SetLastError = true)]
    static extern nint recv(int fd, byte* buffer, nint length, int flags);

    [DllImport("libc", SetLastError = true)]
    static extern int close(int fd);
}
