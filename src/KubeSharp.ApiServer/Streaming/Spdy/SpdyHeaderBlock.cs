using System.Buffers.Binary;
using System.Text;

namespace KubeSharp.ApiServer.Streaming.Spdy;

/// <summary>
/// The uncompressed name/value block of SYN_STREAM, SYN_REPLY and HEADERS frames (SPDY/3 section 2.6.10):
/// a 32-bit pair count, then per pair a 32-bit length and name, a 32-bit length and value. A value may hold
/// several NUL-separated values; port-forward headers carry one, so the first is kept.
/// </summary>
public static class SpdyHeaderBlock
{
    /// <summary>Reads a block, rejecting one whose lengths run past its end.</summary>
    public static Dictionary<string, string> Parse(ReadOnlySpan<byte> block)
    {
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        if (block.IsEmpty) return headers;
        var count = ReadLength(ref block);
        for (var i = 0; i < count; i++)
        {
            var name = Encoding.UTF8.GetString(ReadString(ref block));
            if (name.Length == 0) throw new InvalidDataException("SPDY header block has an empty header name");
            var value = Encoding.UTF8.GetString(ReadString(ref block));
            var nul = value.IndexOf('\0');
            headers[name] = nul < 0 ? value : value[..nul];
        }
        if (!block.IsEmpty) throw new InvalidDataException("SPDY header block has bytes after its last header");
        return headers;
    }

    /// <summary>Writes a block; names are lower-cased, as SPDY/3 requires.</summary>
    public static byte[] Encode(IReadOnlyDictionary<string, string> headers)
    {
        var output = new MemoryStream();
        Span<byte> len = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(len, headers.Count);
        output.Write(len);
        foreach (var (name, value) in headers)
        {
            foreach (var bytes in new[] { Encoding.UTF8.GetBytes(name.ToLowerInvariant()), Encoding.UTF8.GetBytes(value) })
            {
                BinaryPrimitives.WriteInt32BigEndian(len, bytes.Length);
                output.Write(len);
                output.Write(bytes);
            }
        }
        return output.ToArray();
    }

    static int ReadLength(ref ReadOnlySpan<byte> block)
    {
        if (block.Length < 4) throw new InvalidDataException("SPDY header block is truncated");
        var n = BinaryPrimitives.ReadInt32BigEndian(block);
        if (n < 0) throw new InvalidDataException("SPDY header block has a negative length");
        block = block[4..];
        return n;
    }

    static ReadOnlySpan<byte> ReadString(ref ReadOnlySpan<byte> block)
    {
        var n = ReadLength(ref block);
        if (n > block.Length) throw new InvalidDataException("SPDY header block is truncated");
        var s = block[..n];
        block = block[n..];
        return s;
    }
}
