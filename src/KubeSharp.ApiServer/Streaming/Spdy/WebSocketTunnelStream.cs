using System.Net.WebSockets;

namespace KubeSharp.ApiServer.Streaming.Spdy;

/// <summary>
/// A byte stream carried in binary WebSocket messages, as kubectl (≥ 1.31) tunnels a SPDY/3.1 session
/// through a WebSocket: message boundaries mean nothing, a frame may span messages or share one.
/// Reading ends at the client's close; <see cref="CloseAsync"/> answers it so the client sees 1000, not 1006.
/// </summary>
public sealed class WebSocketTunnelStream(WebSocket socket) : Stream
{
    readonly SemaphoreSlim _writeGate = new(1, 1);

    public override bool CanRead => true;
    public override bool CanWrite => true;
    public override bool CanSeek => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken ct = default)
    {
        if (buffer.IsEmpty) return 0;
        while (true)
        {
            if (socket.State is not (WebSocketState.Open or WebSocketState.CloseSent)) return 0;
            ValueWebSocketReceiveResult r;
            try
            {
                r = await socket.ReceiveAsync(buffer, ct);
            }
            catch (WebSocketException e) when (e.WebSocketErrorCode == WebSocketError.ConnectionClosedPrematurely)
            {
                return 0;
            }
            catch (WebSocketException e)
            {
                // Readers of a transport expect IOException for a broken connection.
                throw new IOException(e.Message, e);
            }
            if (r.MessageType == WebSocketMessageType.Close) return 0;
            if (r.MessageType != WebSocketMessageType.Binary)
                throw new IOException("the port-forward tunnel carries binary WebSocket messages only");
            // An empty message (or the empty end of one) carries no bytes; a 0 here would read as end of stream.
            if (r.Count > 0) return r.Count;
        }
    }

    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken ct = default)
    {
        if (buffer.IsEmpty) return;
        await _writeGate.WaitAsync(ct);
        try { await socket.SendAsync(buffer, WebSocketMessageType.Binary, endOfMessage: true, ct); }
        catch (WebSocketException e) { throw new IOException(e.Message, e); }
        finally { _writeGate.Release(); }
    }

    /// <summary>Sends our normal close: it answers the client's close, or starts the closing handshake when we end first.</summary>
    public async Task CloseAsync(CancellationToken ct)
    {
        await _writeGate.WaitAsync(ct);
        try
        {
            if (socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
                await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "", ct);
        }
        catch (WebSocketException) { }
        finally { _writeGate.Release(); }
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken ct) => ReadAsync(buffer.AsMemory(offset, count), ct).AsTask();
    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken ct) => WriteAsync(buffer.AsMemory(offset, count), ct).AsTask();
    public override int Read(byte[] buffer, int offset, int count) => ReadAsync(buffer, offset, count).GetAwaiter().GetResult();
    public override void Write(byte[] buffer, int offset, int count) => WriteAsync(buffer, offset, count).GetAwaiter().GetResult();
    public override void Flush() { }
    public override Task FlushAsync(CancellationToken ct) => Task.CompletedTask;
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing) _writeGate.Dispose();
        base.Dispose(disposing);
    }
}
