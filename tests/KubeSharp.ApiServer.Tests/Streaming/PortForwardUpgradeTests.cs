using System.Net;
using System.Net.Sockets;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json.Nodes;
using KubeSharp.Api.Errors;
using KubeSharp.ApiServer.Streaming;
using KubeSharp.ApiServer.Streaming.Spdy;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace KubeSharp.ApiServer.Tests.Streaming;

/// <summary>
/// Both ways kubectl reaches pods/portforward, against a real Kestrel on loopback: the SPDY-in-WebSocket
/// tunnel (whose subprotocol ASP.NET's own accept rejects) and the plain SPDY/3.1 upgrade.
/// </summary>
public sealed class PortForwardUpgradeTests : IAsyncLifetime
{
    static readonly JsonObject Pod = new() { ["metadata"] = new JsonObject { ["name"] = "web", ["uid"] = "uid-1" } };
    const string Key = "dGhlIHNhbXBsZSBub25jZQ==";

    WebApplication _app = null!;
    readonly LoopbackEcho _echo = new();
    int _port;
    int _finished;

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0));
        _app = builder.Build();
        // As in the API server: the WebSocket middleware is present, and must not get in the way.
        _app.UseWebSockets();
        _app.Run(async http =>
        {
            try
            {
                await PortForwardUpgrade.ServeAsync(http, new PortForwarder(LoopbackEcho.DialAsync, Pod), http.RequestAborted);
                Interlocked.Increment(ref _finished);
            }
            catch (StatusError e)
            {
                http.Response.StatusCode = e.Code;
                await http.Response.WriteAsync(e.Message);
            }
        });
        await _app.StartAsync();
        var address = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        _port = new Uri(address).Port;
    }

    public async Task DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        await _echo.DisposeAsync();
    }

    [Fact]
    public void AcceptKeyIsTheOneFromRfc6455() =>
        Assert.Equal("s3pPLMBiTxaQ9kYGzzhZRbK+xOo=", TunnelWebSocketHandshake.AcceptKey(Key));

    [Fact]
    public async Task WebSocketTunnelCarriesSpdySplitAndJoinedAcrossMessagesAndClosesNormally()
    {
        using var tcp = await ConnectAsync();
        var response = await RequestAsync(tcp, "GET", $"Connection: Upgrade\r\nUpgrade: websocket\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: {Key}\r\nSec-WebSocket-Protocol: {PortForwardUpgrade.TunnelProtocol}\r\n");
        Assert.StartsWith("HTTP/1.1 101", response);
        Assert.Contains("Sec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=", response);
        Assert.Contains("Sec-WebSocket-Protocol: SPDY/3.1+portforward.k8s.io", response);

        using var socket = WebSocket.CreateFromStream(tcp.GetStream(), new WebSocketCreationOptions { IsServer = false });
        var tunnel = new ChoppyWebSocketStream(socket) { PieceSize = 3 };
        var peer = new SpdyTestPeer(tunnel);
        // Frames cut into 3-byte messages (so every frame spans several), with empty messages between.
        await peer.SynStreamAsync(1, Headers("error", _echo.Port, 0));
        await peer.DataAsync(1, [], fin: true);
        await peer.SynStreamAsync(3, Headers("data", _echo.Port, 0));
        await peer.DataAsync(3, "through the tunnel"u8.ToArray(), fin: true);
        Assert.Equal("through the tunnel", await ReadStreamAsync(peer, 3));

        // Several whole frames in one message.
        tunnel.Hold = true;
        await peer.SynStreamAsync(5, Headers("error", _echo.Port, 1));
        await peer.DataAsync(5, [], fin: true);
        await peer.SynStreamAsync(7, Headers("data", _echo.Port, 1));
        await peer.DataAsync(7, "joined"u8.ToArray(), fin: true);
        await tunnel.SendHeldAsync();
        Assert.Equal("joined", await ReadStreamAsync(peer, 7));

        await socket.CloseAsync(WebSocketCloseStatus.NormalClosure, "", CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(WebSocketCloseStatus.NormalClosure, socket.CloseStatus);
        await SpdySessionTests.WaitUntilAsync(() => Volatile.Read(ref _finished) == 1);
    }

    [Theory]
    [InlineData("Sec-WebSocket-Protocol: v5.channel.k8s.io\r\n", "needs the SPDY/3.1+portforward.k8s.io subprotocol")]
    [InlineData("", "needs the SPDY/3.1+portforward.k8s.io subprotocol")]
    public async Task WebSocketWithoutTheTunnelProtocolIsRefusedBeforeUpgrading(string protocolHeader, string message)
    {
        using var tcp = await ConnectAsync();
        var response = await RequestAsync(tcp, "GET", $"Connection: Upgrade\r\nUpgrade: websocket\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: {Key}\r\n{protocolHeader}");
        // A refusal (not a 101 and a drop) is what makes kubectl fall back to the SPDY upgrade.
        Assert.StartsWith("HTTP/1.1 400", response);
        Assert.Contains(message, await ReadBodyAsync(tcp));
    }

    [Fact]
    public async Task BadWebSocketKeyIsRefused()
    {
        using var tcp = await ConnectAsync();
        var response = await RequestAsync(tcp, "GET", $"Connection: Upgrade\r\nUpgrade: websocket\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: short\r\nSec-WebSocket-Protocol: {PortForwardUpgrade.TunnelProtocol}\r\n");
        Assert.StartsWith("HTTP/1.1 400", response);
    }

    [Fact]
    public async Task PlainSpdyUpgradeIsServedForOlderClients()
    {
        using var tcp = await ConnectAsync();
        var response = await RequestAsync(tcp, "POST", "Connection: Upgrade\r\nUpgrade: SPDY/3.1\r\nX-Stream-Protocol-Version: portforward.k8s.io\r\nContent-Length: 0\r\n");
        Assert.StartsWith("HTTP/1.1 101", response);
        Assert.Contains("Upgrade: SPDY/3.1", response);
        Assert.Contains("X-Stream-Protocol-Version: portforward.k8s.io", response);

        var peer = new SpdyTestPeer(tcp.GetStream());
        await peer.SynStreamAsync(1, Headers("error", _echo.Port, 0));
        await peer.DataAsync(1, [], fin: true);
        await peer.SynStreamAsync(3, Headers("data", _echo.Port, 0));
        await peer.DataAsync(3, "plain spdy"u8.ToArray(), fin: true);
        Assert.Equal("plain spdy", await ReadStreamAsync(peer, 3));
    }

    [Fact]
    public async Task SpdyUpgradeForAnotherStreamProtocolIsForbidden()
    {
        using var tcp = await ConnectAsync();
        var response = await RequestAsync(tcp, "POST", "Connection: Upgrade\r\nUpgrade: SPDY/3.1\r\nX-Stream-Protocol-Version: v4.channel.k8s.io\r\nContent-Length: 0\r\n");
        Assert.StartsWith("HTTP/1.1 403", response);
        Assert.Contains("unable to negotiate protocol", await ReadBodyAsync(tcp));
    }

    [Fact]
    public async Task RequestWithoutAnUpgradeIsABadRequest()
    {
        using var tcp = await ConnectAsync();
        var response = await RequestAsync(tcp, "POST", "Content-Length: 0\r\n");
        Assert.StartsWith("HTTP/1.1 400", response);
    }

    static Dictionary<string, string> Headers(string type, int port, int requestId) =>
        new() { ["streamType"] = type, ["port"] = port.ToString(), ["requestID"] = requestId.ToString() };

    static async Task<string> ReadStreamAsync(SpdyTestPeer peer, uint id)
    {
        var data = new MemoryStream();
        while (true)
        {
            var f = await peer.ReadUntilAsync(f => !f.Control && f.StreamId == id);
            data.Write(f.Payload);
            if (f.Fin) return Encoding.UTF8.GetString(data.ToArray());
        }
    }

    async Task<TcpClient> ConnectAsync()
    {
        var tcp = new TcpClient { NoDelay = true };
        await tcp.ConnectAsync(IPAddress.Loopback, _port);
        return tcp;
    }

    /// <summary>Sends a request and reads the response head byte by byte, so nothing after it is consumed.</summary>
    async Task<string> RequestAsync(TcpClient tcp, string method, string headers)
    {
        var stream = tcp.GetStream();
        await stream.WriteAsync(Encoding.ASCII.GetBytes($"{method} /api/v1/namespaces/default/pods/web/portforward HTTP/1.1\r\nHost: 127.0.0.1:{_port}\r\n{headers}\r\n"));
        var head = new StringBuilder();
        var one = new byte[1];
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (!head.ToString().EndsWith("\r\n\r\n", StringComparison.Ordinal))
        {
            if (await stream.ReadAsync(one, timeout.Token) == 0) break;
            head.Append((char)one[0]);
        }
        return head.ToString();
    }

    static async Task<string> ReadBodyAsync(TcpClient tcp)
    {
        var buffer = new byte[4096];
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        var n = await tcp.GetStream().ReadAsync(buffer, timeout.Token);
        return Encoding.UTF8.GetString(buffer, 0, n);
    }

    /// <summary>A client-side tunnel that cuts what it sends into small messages, or holds frames to send them as one.</summary>
    sealed class ChoppyWebSocketStream(WebSocket socket) : Stream
    {
        readonly MemoryStream _pending = new();
        readonly WebSocketTunnelStream _reader = new(socket);

        public int PieceSize { get; init; } = 3;
        public bool Hold { get; set; }

        public override bool CanRead => true;
        public override bool CanWrite => true;
        public override bool CanSeek => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken ct = default) => _reader.ReadAsync(buffer, ct);
        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken ct) => _reader.ReadAsync(buffer, offset, count, ct);

        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken ct = default)
        {
            _pending.Write(buffer.Span);
            return ValueTask.CompletedTask;
        }

        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken ct) => WriteAsync(buffer.AsMemory(offset, count), ct).AsTask();

        public override async Task FlushAsync(CancellationToken ct)
        {
            if (Hold) return;
            var bytes = _pending.ToArray();
            _pending.SetLength(0);
            for (var i = 0; i < bytes.Length; i += PieceSize)
            {
                await socket.SendAsync(bytes.AsMemory(i, Math.Min(PieceSize, bytes.Length - i)), WebSocketMessageType.Binary, true, ct);
                await socket.SendAsync(ReadOnlyMemory<byte>.Empty, WebSocketMessageType.Binary, true, ct);
            }
        }

        public async Task SendHeldAsync()
        {
            Hold = false;
            var bytes = _pending.ToArray();
            _pending.SetLength(0);
            await socket.SendAsync(bytes, WebSocketMessageType.Binary, true, CancellationToken.None);
        }

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
    }
}
