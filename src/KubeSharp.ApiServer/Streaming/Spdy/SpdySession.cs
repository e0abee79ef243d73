using System.Buffers.Binary;
using System.Collections.Concurrent;
using System.IO.Compression;
using System.IO.Pipelines;
using System.Text;

namespace KubeSharp.ApiServer.Streaming.Spdy;

/// <summary>One stream of a SPDY session, opened by the client; its data arrives in <see cref="Input"/>.</summary>
public sealed class SpdyStream
{
    readonly SpdySession _session;
    readonly Pipe _input = new();

    internal SpdyStream(SpdySession session, uint id, IReadOnlyDictionary<string, string> headers)
    {
        _session = session;
        Id = id;
        Headers = headers;
    }

    public uint Id { get; }
    public IReadOnlyDictionary<string, string> Headers { get; }

    /// <summary>What the client sent on this stream; ends when the client half-closes it.</summary>
    public Stream Input => _input.Reader.AsStream();

    internal ValueTask<FlushResult> ReceiveAsync(ReadOnlyMemory<byte> data) => _input.Writer.WriteAsync(data);

    internal void ReceiveEnd() => _input.Writer.Complete();

    public Task WriteAsync(ReadOnlyMemory<byte> data, CancellationToken ct) => _session.WriteDataAsync(Id, data, fin: false, ct);

    /// <summary>Half-closes our side of the stream.</summary>
    public Task CloseAsync(CancellationToken ct) => _session.WriteDataAsync(Id, ReadOnlyMemory<byte>.Empty, fin: true, ct);

    public string Header(string name) =>
        Headers.FirstOrDefault(h => h.Key.Equals(name, StringComparison.OrdinalIgnoreCase)).Value ?? "";
}

/// <summary>
/// The server side of a SPDY/3.1 session, as kubectl's port-forward speaks it: the client opens
/// streams (SYN_STREAM), the server answers each with SYN_REPLY, data frames flow both ways, PINGs
/// are echoed. Header blocks are zlib-compressed per SPDY/3 (one stream per direction per session).
/// </summary>
public sealed class SpdySession : IDisposable
{
    const ushort Version = 3;
    const ushort SynStream = 1, SynReply = 2, RstStream = 3, Settings = 4, Ping = 6, GoAway = 7, HeadersFrame = 8, WindowUpdate = 9;
    const byte FlagFin = 0x01;

    readonly Stream _transport;
    readonly SemaphoreSlim _writeGate = new(1, 1);
    readonly ZlibInflater _inflater = new(SpdyHeaderDictionary.Bytes);
    readonly MemoryStream _deflated = new();
    readonly ZLibStream _deflater;
    readonly ConcurrentDictionary<uint, SpdyStream> _streams = new();

    public SpdySession(Stream transport)
    {
        _transport = transport;
        _deflater = new ZLibStream(_deflated, CompressionLevel.Fastest, leaveOpen: true);
    }

    /// <summary>Reads frames until the client goes away, handing each new stream to <paramref name="onStream"/>.</summary>
    public async Task RunAsync(Func<SpdyStream, Task> onStream, CancellationToken ct)
    {
        var header = new byte[8];
        var handlers = new List<Task>();
        try
        {
            while (!ct.IsCancellationRequested)
            {
                if (!await ReadExactAsync(header, ct)) break;
                var flags = header[4];
                var length = (header[5] << 16) | (header[6] << 8) | header[7];
                var payload = new byte[length];
                if (length > 0 && !await ReadExactAsync(payload, ct)) break;
                if ((header[0] & 0x80) == 0)
                {
                    var streamId = BinaryPrimitives.ReadUInt32BigEndian(header) & 0x7fffffff;
                    if (_streams.TryGetValue(streamId, out var s))
                    {
                        if (length > 0)
                        {
                            await s.ReceiveAsync(payload);
                            await WriteWindowUpdateAsync(streamId, length, ct);
                        }
                        if ((flags & FlagFin) != 0) s.ReceiveEnd();
                    }
                    continue;
                }
                var type = BinaryPrimitives.ReadUInt16BigEndian(header.AsSpan(2));
                switch (type)
                {
                    case SynStream:
                    {
                        var id = BinaryPrimitives.ReadUInt32BigEndian(payload) & 0x7fffffff;
                        var headers = DecodeHeaders(payload.AsSpan(10));
                        var stream = new SpdyStream(this, id, headers);
                        _streams[id] = stream;
                        if ((flags & FlagFin) != 0) stream.ReceiveEnd();
                        await WriteSynReplyAsync(id, ct);
                        handlers.Add(Task.Run(() => onStream(stream), ct));
                        break;
                    }
                    case HeadersFrame:
                        DecodeHeaders(payload.AsSpan(4)); // keeps the shared zlib state in step
                        break;
                    case RstStream:
                    {
                        var id = BinaryPrimitives.ReadUInt32BigEndian(payload) & 0x7fffffff;
                        if (_streams.TryRemove(id, out var s)) s.ReceiveEnd();
                        break;
                    }
                    case Ping:
                        await WriteControlAsync(Ping, 0, payload, ct);
                        break;
                    case GoAway:
                        return;
                    case Settings or WindowUpdate or SynReply:
                        break;
                }
            }
        }
        catch (IOException) { }
        catch (OperationCanceledException) { }
        finally
        {
            foreach (var s in _streams.Values) s.ReceiveEnd();
            await Task.WhenAll(handlers).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    async Task<bool> ReadExactAsync(byte[] buffer, CancellationToken ct)
    {
        var read = 0;
        while (read < buffer.Length)
        {
            var n = await _transport.ReadAsync(buffer.AsMemory(read), ct);
            if (n == 0) return false;
            read += n;
        }
        return true;
    }

    Dictionary<string, string> DecodeHeaders(ReadOnlySpan<byte> compressed)
    {
        var block = _inflater.Inflate(compressed);
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var span = block.AsSpan();
        if (span.Length < 4) return headers;
        var count = BinaryPrimitives.ReadInt32BigEndian(span);
        var pos = 4;
        for (var i = 0; i < count && pos + 4 <= span.Length; i++)
        {
            var nameLen = BinaryPrimitives.ReadInt32BigEndian(span[pos..]);
            pos += 4;
            var name = Encoding.UTF8.GetString(span.Slice(pos, nameLen));
            pos += nameLen;
            var valueLen = BinaryPrimitives.ReadInt32BigEndian(span[pos..]);
            pos += 4;
            headers[name] = Encoding.UTF8.GetString(span.Slice(pos, valueLen)).Split('\0')[0];
            pos += valueLen;
        }
        return headers;
    }

    byte[] EncodeEmptyHeaders()
    {
        // One zlib stream for every header block we send; each block ends with a sync flush.
        var start = _deflated.Length;
        _deflater.Write([0, 0, 0, 0]);
        _deflater.Flush();
        var bytes = _deflated.ToArray()[(int)start..];
        return bytes;
    }

    async Task WriteSynReplyAsync(uint id, CancellationToken ct)
    {
        await _writeGate.WaitAsync(ct);
        try
        {
            var block = EncodeEmptyHeaders();
            var payload = new byte[4 + block.Length];
            BinaryPrimitives.WriteUInt32BigEndian(payload, id);
            block.CopyTo(payload, 4);
            await WriteFrameLockedAsync(ControlHeader(SynReply, 0, payload.Length), payload, ct);
        }
        finally { _writeGate.Release(); }
    }

    Task WriteWindowUpdateAsync(uint id, int delta, CancellationToken ct)
    {
        var payload = new byte[8];
        BinaryPrimitives.WriteUInt32BigEndian(payload, id);
        BinaryPrimitives.WriteInt32BigEndian(payload.AsSpan(4), delta);
        return WriteControlAsync(WindowUpdate, 0, payload, ct);
    }

    async Task WriteControlAsync(ushort type, byte flags, byte[] payload, CancellationToken ct)
    {
        await _writeGate.WaitAsync(ct);
        try { await WriteFrameLockedAsync(ControlHeader(type, flags, payload.Length), payload, ct); }
        finally { _writeGate.Release(); }
    }

    internal async Task WriteDataAsync(uint id, ReadOnlyMemory<byte> data, bool fin, CancellationToken ct)
    {
        const int maxFrame = 64 * 1024;
        do
        {
            var chunk = data.Length > maxFrame ? data[..maxFrame] : data;
            data = data[chunk.Length..];
            var header = new byte[8];
            BinaryPrimitives.WriteUInt32BigEndian(header, id & 0x7fffffff);
            header[4] = fin && data.IsEmpty ? FlagFin : (byte)0;
            header[5] = (byte)(chunk.Length >> 16);
            header[6] = (byte)(chunk.Length >> 8);
            header[7] = (byte)chunk.Length;
            await _writeGate.WaitAsync(ct);
            try { await WriteFrameLockedAsync(header, chunk, ct); }
            finally { _writeGate.Release(); }
        } while (!data.IsEmpty);
    }

    async Task WriteFrameLockedAsync(byte[] header, ReadOnlyMemory<byte> payload, CancellationToken ct)
    {
        var frame = new byte[header.Length + payload.Length];
        header.CopyTo(frame, 0);
        payload.CopyTo(frame.AsMemory(header.Length));
        await _transport.WriteAsync(frame, ct);
        await _transport.FlushAsync(ct);
    }

    static byte[] ControlHeader(ushort type, byte flags, int length)
    {
        var h = new byte[8];
        BinaryPrimitives.WriteUInt16BigEndian(h, (ushort)(0x8000 | Version));
        BinaryPrimitives.WriteUInt16BigEndian(h.AsSpan(2), type);
        h[4] = flags;
        h[5] = (byte)(length >> 16);
        h[6] = (byte)(length >> 8);
        h[7] = (byte)length;
        return h;
    }

    public void Dispose()
    {
        _inflater.Dispose();
        _deflater.Dispose();
        _deflated.Dispose();
        _writeGate.Dispose();
    }
}
