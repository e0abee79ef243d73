using System.Buffers.Binary;
using System.Collections.Concurrent;
using System.IO.Compression;

namespace KubeSharp.ApiServer.Streaming.Spdy;

/// <summary>
/// The server side of a SPDY/3.1 session, as kubectl's port-forward speaks it (over a plain upgraded
/// connection or tunnelled in a WebSocket): the client opens streams (SYN_STREAM), the server answers each
/// with SYN_REPLY, data frames flow both ways, PINGs are echoed. Header blocks are zlib-compressed per
/// SPDY/3, one compression context per direction for the whole session. A malformed frame ends the
/// session with GOAWAY(PROTOCOL_ERROR), as a broken compression context cannot be resynchronised.
/// </summary>
public sealed class SpdySession : IDisposable
{
    const ushort Version = 3;
    const ushort SynStream = 1, SynReply = 2, RstStream = 3, Settings = 4, Ping = 6, GoAway = 7, HeadersFrame = 8, WindowUpdate = 9;
    const byte FlagFin = 0x01;
    const uint GoAwayProtocolError = 1;
    const int MaxDataFrame = 64 * 1024;

    readonly Stream _transport;
    readonly SemaphoreSlim _writeGate = new(1, 1);
    readonly ZlibInflater _inflater = new(SpdyHeaderDictionary.Bytes);
    readonly MemoryStream _deflated = new();
    readonly ZLibStream _deflater;
    readonly ConcurrentDictionary<uint, SpdyStream> _streams = new();
    uint _lastStreamId;

    public SpdySession(Stream transport)
    {
        _transport = transport;
        _deflater = new ZLibStream(_deflated, CompressionLevel.Fastest, leaveOpen: true);
    }

    /// <summary>Streams the client has open (for tests and diagnostics).</summary>
    public int OpenStreams => _streams.Count;

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
                    await OnDataAsync(BinaryPrimitives.ReadUInt32BigEndian(header) & 0x7fffffff, flags, payload, ct);
                    continue;
                }
                var version = BinaryPrimitives.ReadUInt16BigEndian(header) & 0x7fff;
                if (version != Version) throw new InvalidDataException($"unsupported SPDY version {version}");
                var type = BinaryPrimitives.ReadUInt16BigEndian(header.AsSpan(2));
                switch (type)
                {
                    case SynStream:
                        if (await OnSynStreamAsync(flags, payload, ct) is { } stream)
                        {
                            handlers.RemoveAll(t => t.IsCompleted);
                            handlers.Add(Task.Run(() => onStream(stream), CancellationToken.None));
                        }
                        break;
                    case HeadersFrame:
                        Need(payload, 4, "HEADERS");
                        _inflater.Inflate(payload.AsSpan(4)); // keeps the shared zlib context in step
                        break;
                    case RstStream:
                        Need(payload, 8, "RST_STREAM");
                        if (_streams.TryGetValue(BinaryPrimitives.ReadUInt32BigEndian(payload) & 0x7fffffff, out var reset)) reset.ReceiveReset();
                        break;
                    case Ping:
                        Need(payload, 4, "PING");
                        await WriteControlAsync(Ping, 0, payload, ct);
                        break;
                    case GoAway:
                        return;
                    case Settings or WindowUpdate or SynReply:
                        // The client never gets a window smaller than what we send at a time, and it
                        // answers no SYN_STREAM of ours: nothing to act on.
                        break;
                }
            }
        }
        catch (IOException) { }
        catch (OperationCanceledException) { }
        catch (InvalidDataException)
        {
            await TryWriteGoAwayAsync(GoAwayProtocolError);
        }
        finally
        {
            foreach (var s in _streams.Values) s.ReceiveReset();
            await Task.WhenAll(handlers).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    async Task<SpdyStream?> OnSynStreamAsync(byte flags, byte[] payload, CancellationToken ct)
    {
        Need(payload, 10, "SYN_STREAM");
        var id = BinaryPrimitives.ReadUInt32BigEndian(payload) & 0x7fffffff;
        // Decompress first, whatever happens to the stream: every block moves the shared zlib context on.
        var headers = SpdyHeaderBlock.Parse(_inflater.Inflate(payload.AsSpan(10)));
        // Client streams have odd, ever-increasing ids (SPDY/3 section 2.3.2).
        if (id % 2 == 0 || id <= _lastStreamId)
        {
            await WriteResetAsync(id, id <= _lastStreamId && id % 2 == 1 ? SpdyStatus.StreamInUse : SpdyStatus.ProtocolError, ct);
            return null;
        }
        _lastStreamId = id;
        var stream = new SpdyStream(this, id, headers);
        _streams[id] = stream;
        await WriteSynReplyAsync(id, ct);
        if ((flags & FlagFin) != 0) stream.ReceiveEnd();
        return stream;
    }

    async Task OnDataAsync(uint id, byte flags, byte[] payload, CancellationToken ct)
    {
        // Frames for a stream already reset or forgotten are dropped, as they may cross our RST_STREAM.
        if (!_streams.TryGetValue(id, out var s)) return;
        if (s.RemoteDone)
        {
            if (payload.Length > 0) await s.ResetAsync(SpdyStatus.StreamAlreadyClosed, ct);
            return;
        }
        if (payload.Length > 0)
        {
            await s.ReceiveAsync(payload, ct);
            await WriteWindowUpdateAsync(id, payload.Length, ct);
        }
        if ((flags & FlagFin) != 0) s.ReceiveEnd();
    }

    internal void Forget(uint id) => _streams.TryRemove(id, out _);

    static void Need(byte[] payload, int length, string frame)
    {
        if (payload.Length < length) throw new InvalidDataException($"SPDY {frame} frame is too short ({payload.Length} bytes)");
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

    /// <summary>Compresses one header block on the session's single outgoing zlib context (sync-flushed).</summary>
    byte[] EncodeHeadersLocked(IReadOnlyDictionary<string, string> headers)
    {
        _deflater.Write(SpdyHeaderBlock.Encode(headers));
        _deflater.Flush();
        var bytes = _deflated.ToArray();
        _deflated.SetLength(0);
        return bytes;
    }

    async Task WriteSynReplyAsync(uint id, CancellationToken ct)
    {
        await _writeGate.WaitAsync(ct);
        try
        {
            var block = EncodeHeadersLocked(new Dictionary<string, string>());
            var payload = new byte[4 + block.Length];
            BinaryPrimitives.WriteUInt32BigEndian(payload, id);
            block.CopyTo(payload, 4);
            await WriteFrameLockedAsync(ControlHeader(SynReply, 0, payload.Length), payload, ct);
        }
        finally { _writeGate.Release(); }
    }

    Task WriteWindowUpdateAsync(uint id, int delta, CancellationToken ct) => WriteControlAsync(WindowUpdate, 0, TwoWords(id, (uint)delta), ct);

    internal Task WriteResetAsync(uint id, SpdyStatus status, CancellationToken ct)
    {
        Forget(id);
        return WriteControlAsync(RstStream, 0, TwoWords(id, (uint)status), ct);
    }

    async Task TryWriteGoAwayAsync(uint status)
    {
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            await WriteControlAsync(GoAway, 0, TwoWords(_lastStreamId, status), timeout.Token);
        }
        catch (Exception e) when (e is IOException or OperationCanceledException or ObjectDisposedException) { }
    }

    static byte[] TwoWords(uint first, uint second)
    {
        var payload = new byte[8];
        BinaryPrimitives.WriteUInt32BigEndian(payload, first & 0x7fffffff);
        BinaryPrimitives.WriteUInt32BigEndian(payload.AsSpan(4), second);
        return payload;
    }

    async Task WriteControlAsync(ushort type, byte flags, byte[] payload, CancellationToken ct)
    {
        await _writeGate.WaitAsync(ct);
        try { await WriteFrameLockedAsync(ControlHeader(type, flags, payload.Length), payload, ct); }
        finally { _writeGate.Release(); }
    }

    internal async Task WriteDataAsync(uint id, ReadOnlyMemory<byte> data, bool fin, CancellationToken ct)
    {
        do
        {
            var chunk = data.Length > MaxDataFrame ? data[..MaxDataFrame] : data;
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
        // One write per frame: over the WebSocket tunnel that is one message per frame.
        var frame = new byte[header.Length + payload.Length];
        header.CopyTo(frame, 0);
        payload.CopyTo(frame.AsMemory(header.Length));
        await _transport.WriteAsync(frame, ct);
        await _transport.FlushAsync(ct);
    }

    static byte[] ControlHeader(ushort type, byte flags, int length)
    {
        var h = new byte[8];
        BinaryPrimitives.WriteUInt16BigEndian(h, 0x8000 | Version);
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
