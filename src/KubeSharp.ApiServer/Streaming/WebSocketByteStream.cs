using System.Net.WebSockets;

namespace KubeSharp.ApiServer.Streaming;

/// <summary>A byte stream carried in binary WebSocket messages, as kubectl tunnels SPDY through a WebSocket.</summary>
public sealed class WebSocketByteStream(WebSocket socket) : Stream
{
    readonly SemaphoreSlim _writeGate = new(1, 1);
    byte[] _pending = [];
    int _offset;

    public override bool CanRead => true;
    public override bool CanWrite => true;
    public override bool CanSeek => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken ct = default)
    {
        while (_offset >= _pending.Length)
        {
            var message = new MemoryStream();
            var chunk = new byte[16 * 1024];
            WebSocketReceiveResult r;
            do
            {
                r = await socket.ReceiveAsync(chunk, ct);
                if (r.MessageType == WebSocketMessageType.Close) return 0;
                message.Write(chunk, 0, r.Count);
            } while (!r.EndOfMessage);
            _pending = message.ToArray();
            _offset = 0;
        }
        var n = Math.Min(buffer.Length, _pending.Length - _offset);
        _pending.AsMemory(_offset, n).CopyTo(buffer);
        _offset += n;
        return n;
    }

    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken ct = default)
    {
        await _writeGate.WaitAsync(ct);
        try { await socket.SendAsync(buffer, WebSocketMessageType.Binary, true, ct); }
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
}
