using System.IO.Pipelines;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading.Channels;
using KubeSharp.Client.NodeStreams;

namespace KubeSharp.ApiServer.Streaming;

/// <summary>
/// The channel protocol kubectl speaks for exec and attach over WebSocket (<c>v5.channel.k8s.io</c>, and
/// v4 without the close signal): every binary message starts with a channel byte — 0 stdin, 1 stdout,
/// 2 stderr, 3 error (a Status when the command ends), 4 resize; v5's <c>FF n</c> closes channel n.
/// </summary>
public sealed class ChannelWebSocket
{
    public static readonly string[] Protocols = ["v5.channel.k8s.io", "v4.channel.k8s.io"];

    const byte Stdin = 0, Stdout = 1, Stderr = 2, Error = 3, Resize = 4, Close = 255;

    readonly WebSocket _socket;
    readonly SemaphoreSlim _sendGate = new(1, 1);
    readonly Pipe _stdin = new();
    readonly Channel<TerminalSize> _resize = Channel.CreateUnbounded<TerminalSize>();

    public ChannelWebSocket(WebSocket socket) => _socket = socket;

    public Stream StdinStream => _stdin.Reader.AsStream();
    public ChannelReader<TerminalSize> ResizeEvents => _resize.Reader;

    /// <summary>A stream whose writes go out as messages on one channel.</summary>
    public Stream OutputStream(bool stderr) => new ChannelWriterStream(this, stderr ? Stderr : Stdout);

    /// <summary>Reads client messages until the socket closes; stdin ends when the client closes it or leaves.</summary>
    public async Task ReceiveLoopAsync(CancellationToken ct)
    {
        var buffer = new byte[32 * 1024];
        try
        {
            // Also after our close went out (CloseSent): the client's close must be read, or closing the socket with it unread resets the connection.
            while (_socket.State is WebSocketState.Open or WebSocketState.CloseSent && !ct.IsCancellationRequested)
            {
                var message = new MemoryStream();
                WebSocketReceiveResult r;
                do
                {
                    r = await _socket.ReceiveAsync(buffer, ct);
                    if (r.MessageType == WebSocketMessageType.Close) return;
                    message.Write(buffer, 0, r.Count);
                } while (!r.EndOfMessage);
                var data = message.ToArray();
                if (data.Length == 0) continue;
                switch (data[0])
                {
                    case Stdin:
                        await _stdin.Writer.WriteAsync(data.AsMemory(1), ct);
                        break;
                    case Resize:
                        try
                        {
                            var size = JsonNode.Parse(data.AsSpan(1));
                            _resize.Writer.TryWrite(new TerminalSize(size?["Width"]?.GetValue<ushort>() ?? 80, size?["Height"]?.GetValue<ushort>() ?? 24));
                        }
                        catch (Exception e) when (e is JsonException or InvalidOperationException or FormatException) { }
                        break;
                    case Close when data.Length > 1 && data[1] == Stdin:
                        await _stdin.Writer.CompleteAsync();
                        break;
                }
            }
        }
        catch (WebSocketException) { }
        catch (OperationCanceledException) { }
        finally
        {
            await _stdin.Writer.CompleteAsync();
            _resize.Writer.TryComplete();
        }
    }

    internal async Task SendAsync(byte channel, ReadOnlyMemory<byte> data, CancellationToken ct)
    {
        var frame = new byte[data.Length + 1];
        frame[0] = channel;
        data.CopyTo(frame.AsMemory(1));
        await _sendGate.WaitAsync(ct);
        try
        {
            if (_socket.State == WebSocketState.Open) await _socket.SendAsync(frame, WebSocketMessageType.Binary, true, ct);
        }
        finally { _sendGate.Release(); }
    }

    /// <summary>Reports how the command ended on the error channel, then closes the socket normally.</summary>
    public async Task FinishAsync(int? exitCode, string? failure, CancellationToken ct)
    {
        JsonObject status;
        if (failure is not null)
            status = new JsonObject { ["metadata"] = new JsonObject(), ["status"] = "Failure", ["message"] = failure, ["reason"] = "InternalError", ["code"] = 500 };
        else if (exitCode is null or 0)
            status = new JsonObject { ["metadata"] = new JsonObject(), ["status"] = "Success" };
        else
            status = new JsonObject
            {
                ["metadata"] = new JsonObject(),
                ["status"] = "Failure",
                ["message"] = $"command terminated with non-zero exit code: error executing command [], exit code {exitCode}",
                ["reason"] = "NonZeroExitCode",
                ["details"] = new JsonObject { ["causes"] = new JsonArray(new JsonObject { ["reason"] = "ExitCode", ["message"] = exitCode.Value.ToString(System.Globalization.CultureInfo.InvariantCulture) }) },
            };
        try
        {
            await SendAsync(Error, Encoding.UTF8.GetBytes(status.ToJsonString()), ct);
            if (_socket.State == WebSocketState.Open)
                await _socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "", ct);
        }
        catch (WebSocketException) { }
    }

    sealed class ChannelWriterStream(ChannelWebSocket owner, byte channel) : Stream
    {
        public override bool CanRead => false;
        public override bool CanWrite => true;
        public override bool CanSeek => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken ct = default) => new(owner.SendAsync(channel, buffer, ct));
        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken ct) => owner.SendAsync(channel, buffer.AsMemory(offset, count), ct);
        public override void Write(byte[] buffer, int offset, int count) => WriteAsync(buffer, offset, count).GetAwaiter().GetResult();
        public override void Flush() { }
        public override Task FlushAsync(CancellationToken ct) => Task.CompletedTask;
        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
    }
}
