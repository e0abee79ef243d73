using System.Buffers.Binary;
using System.IO.Pipelines;
using KubeSharp.ApiServer.Streaming.Spdy;

namespace KubeSharp.ApiServer.Tests.Streaming;

/// <summary>Two connected in-memory byte streams, one per end.</summary>
public static class DuplexPair
{
    public static (Stream Server, Stream Client) Create()
    {
        var toServer = new Pipe();
        var toClient = new Pipe();
        return (new Duplex(toServer.Reader.AsStream(), toClient.Writer.AsStream()), new Duplex(toClient.Reader.AsStream(), toServer.Writer.AsStream()));
    }

    sealed class Duplex(Stream read, Stream write) : Stream
    {
        public override bool CanRead => true;
        public override bool CanWrite => true;
        public override bool CanSeek => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken ct = default) => read.ReadAsync(buffer, ct);
        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken ct) => read.ReadAsync(buffer, offset, count, ct);
        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken ct = default) => write.WriteAsync(buffer, ct);
        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken ct) => write.WriteAsync(buffer, offset, count, ct);
        public override int Read(byte[] buffer, int offset, int count) => read.Read(buffer, offset, count);
        public override void Write(byte[] buffer, int offset, int count) => write.Write(buffer, offset, count);
        public override Task FlushAsync(CancellationToken ct) => write.FlushAsync(ct);
        public override void Flush() => write.Flush();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                write.Dispose();
                read.Dispose();
            }
            base.Dispose(disposing);
        }
    }
}

/// <summary>One SPDY frame as the test client sees it.</summary>
public sealed record SpdyFrame(bool Control, ushort Type, uint StreamId, byte Flags, byte[] Payload)
{
    public bool Fin => (Flags & 1) != 0;
    public uint Word(int index) => BinaryPrimitives.ReadUInt32BigEndian(Payload.AsSpan(index * 4)) & (index == 0 ? 0x7fffffffu : 0xffffffffu);
}

/// <summary>
/// The client end of a SPDY/3 session for tests. Its header blocks are zlib "stored" blocks that
/// announce SPDY's dictionary (FDICT): a valid stream the server must inflate with that dictionary.
/// </summary>
public sealed class SpdyTestPeer(Stream transport)
{
    public const ushort SynStream = 1, SynReply = 2, RstStream = 3, Ping = 6, GoAway = 7, WindowUpdate = 9;

    bool _headerSent;

    public Stream Transport => transport;

    public static uint Adler32(ReadOnlySpan<byte> data)
    {
        uint a = 1, b = 0;
        foreach (var x in data)
        {
            a = (a + x) % 65521;
            b = (b + a) % 65521;
        }
        return (b << 16) | a;
    }

    /// <summary>The next header block on the client's single zlib stream.</summary>
    public byte[] Compress(IReadOnlyDictionary<string, string> headers)
    {
        var raw = SpdyHeaderBlock.Encode(headers);
        var output = new MemoryStream();
        if (!_headerSent)
        {
            _headerSent = true;
            output.Write([0x78, 0x20]); // deflate, 32K window, FDICT set; 0x7820 is a multiple of 31
            Span<byte> id = stackalloc byte[4];
            BinaryPrimitives.WriteUInt32BigEndian(id, Adler32(SpdyHeaderDictionary.Bytes));
            output.Write(id);
        }
        output.WriteByte(0); // stored block, not final: the stream goes on with the next header block
        output.Write([(byte)raw.Length, (byte)(raw.Length >> 8), (byte)~raw.Length, (byte)(~raw.Length >> 8)]);
        output.Write(raw);
        return output.ToArray();
    }

    public Task SynStreamAsync(uint id, IReadOnlyDictionary<string, string> headers, bool fin = false) =>
        SynStreamRawAsync(id, Compress(headers), fin);

    public Task SynStreamRawAsync(uint id, byte[] headerBlock, bool fin = false)
    {
        var payload = new byte[10 + headerBlock.Length];
        BinaryPrimitives.WriteUInt32BigEndian(payload, id);
        headerBlock.CopyTo(payload, 10);
        return ControlAsync(SynStream, fin ? (byte)1 : (byte)0, payload);
    }

    public Task ControlAsync(ushort type, byte flags, byte[] payload)
    {
        var frame = new byte[8 + payload.Length];
        BinaryPrimitives.WriteUInt16BigEndian(frame, 0x8003);
        BinaryPrimitives.WriteUInt16BigEndian(frame.AsSpan(2), type);
        WriteFlagsAndLength(frame, flags, payload.Length);
        payload.CopyTo(frame, 8);
        return WriteAsync(frame);
    }

    public Task DataAsync(uint id, byte[] data, bool fin = false)
    {
        var frame = new byte[8 + data.Length];
        BinaryPrimitives.WriteUInt32BigEndian(frame, id);
        WriteFlagsAndLength(frame, fin ? (byte)1 : (byte)0, data.Length);
        data.CopyTo(frame, 8);
        return WriteAsync(frame);
    }

    public Task RstStreamAsync(uint id, uint status) => ControlAsync(RstStream, 0, TwoWords(id, status));

    public static byte[] TwoWords(uint a, uint b)
    {
        var p = new byte[8];
        BinaryPrimitives.WriteUInt32BigEndian(p, a);
        BinaryPrimitives.WriteUInt32BigEndian(p.AsSpan(4), b);
        return p;
    }

    async Task WriteAsync(byte[] frame)
    {
        await transport.WriteAsync(frame);
        await transport.FlushAsync();
    }

    static void WriteFlagsAndLength(byte[] frame, byte flags, int length)
    {
        frame[4] = flags;
        frame[5] = (byte)(length >> 16);
        frame[6] = (byte)(length >> 8);
        frame[7] = (byte)length;
    }

    /// <summary>The next frame from the server, or null when it closed the connection.</summary>
    public async Task<SpdyFrame?> ReadFrameAsync(TimeSpan? timeout = null)
    {
        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(10));
        var header = new byte[8];
        if (!await ReadExactAsync(header, cts.Token)) return null;
        var length = (header[5] << 16) | (header[6] << 8) | header[7];
        var payload = new byte[length];
        if (!await ReadExactAsync(payload, cts.Token)) return null;
        var control = (header[0] & 0x80) != 0;
        return control
            ? new SpdyFrame(true, BinaryPrimitives.ReadUInt16BigEndian(header.AsSpan(2)), length >= 4 ? BinaryPrimitives.ReadUInt32BigEndian(payload) & 0x7fffffff : 0, header[4], payload)
            : new SpdyFrame(false, 0, BinaryPrimitives.ReadUInt32BigEndian(header) & 0x7fffffff, header[4], payload);
    }

    /// <summary>Reads frames until <paramref name="match"/> holds, collecting the others.</summary>
    public async Task<SpdyFrame> ReadUntilAsync(Func<SpdyFrame, bool> match, List<SpdyFrame>? skipped = null)
    {
        while (true)
        {
            var f = await ReadFrameAsync() ?? throw new IOException("the server closed the session");
            if (match(f)) return f;
            skipped?.Add(f);
        }
    }

    async Task<bool> ReadExactAsync(byte[] buffer, CancellationToken ct)
    {
        var read = 0;
        while (read < buffer.Length)
        {
            var n = await transport.ReadAsync(buffer.AsMemory(read), ct).AsTask().WaitAsync(ct);
            if (n == 0) return false;
            read += n;
        }
        return true;
    }
}
