using System.Text;
using System.Text.Json.Nodes;
using KubeSharp.ApiServer.Streaming;

namespace KubeSharp.ApiServer.Tests.Streaming;

public sealed class PortForwarderTests
{
    static readonly JsonObject Pod = new() { ["metadata"] = new JsonObject { ["name"] = "web", ["uid"] = "uid-1" } };

    static Dictionary<string, string> Headers(string type, int port, int requestId) =>
        new() { ["streamType"] = type, ["port"] = port.ToString(), ["requestID"] = requestId.ToString() };

    sealed class Client : IAsyncDisposable
    {
        public readonly SpdyTestPeer Peer;
        public readonly Task Run;
        readonly Stream _client;
        readonly CancellationTokenSource _stop = new();

        public Client()
        {
            var (server, client) = DuplexPair.Create();
            _client = client;
            Peer = new SpdyTestPeer(client);
            Run = new PortForwarder(LoopbackEcho.DialAsync, Pod).RunAsync(server, _stop.Token);
        }

        /// <summary>Opens one forwarded connection as kubectl does: error stream (half-closed at once), then data stream.</summary>
        public async Task OpenAsync(uint errorId, int port, int requestId)
        {
            await Peer.SynStreamAsync(errorId, Headers("error", port, requestId));
            await Peer.DataAsync(errorId, [], fin: true);
            await Peer.SynStreamAsync(errorId + 2, Headers("data", port, requestId));
        }

        /// <summary>Reads until both streams have ended; returns what each carried.</summary>
        public async Task<(string Data, string Error)> DrainAsync(uint errorId)
        {
            var data = new MemoryStream();
            var error = new MemoryStream();
            bool dataDone = false, errorDone = false;
            while (!dataDone || !errorDone)
            {
                var f = await Peer.ReadUntilAsync(f => !f.Control && (f.StreamId == errorId || f.StreamId == errorId + 2));
                (f.StreamId == errorId ? error : data).Write(f.Payload);
                if (f.Fin && f.StreamId == errorId) errorDone = true;
                if (f.Fin && f.StreamId == errorId + 2) dataDone = true;
            }
            return (Encoding.UTF8.GetString(data.ToArray()), Encoding.UTF8.GetString(error.ToArray()));
        }

        public async ValueTask DisposeAsync()
        {
            await Peer.ControlAsync(SpdyTestPeer.GoAway, 0, SpdyTestPeer.TwoWords(0, 0));
            await Run.WaitAsync(TimeSpan.FromSeconds(10));
            await _stop.CancelAsync();
            await _client.DisposeAsync();
            _stop.Dispose();
        }
    }

    [Fact]
    public async Task ForwardsEachConnectionToThePortAndClosesItsErrorStreamEmpty()
    {
        await using var echo = new LoopbackEcho();
        await using var client = new Client();
        for (var i = 0; i < 3; i++)
        {
            var errorId = 1 + 4u * (uint)i;
            await client.OpenAsync(errorId, echo.Port, i);
            await client.Peer.DataAsync(errorId + 2, Encoding.UTF8.GetBytes($"request {i}"), fin: true);
            Assert.Equal(($"request {i}", ""), await client.DrainAsync(errorId));
        }
        Assert.Equal(3, echo.Accepted);
    }

    [Fact]
    public async Task ConnectionsThroughOneSessionRunConcurrently()
    {
        await using var echo = new LoopbackEcho();
        await using var client = new Client();
        await client.OpenAsync(1, echo.Port, 0);
        await client.OpenAsync(5, echo.Port, 1);
        // Both are open at once: the second answers while the first is still unfinished.
        await client.Peer.DataAsync(7, "second"u8.ToArray(), fin: true);
        Assert.Equal(("second", ""), await client.DrainAsync(5));
        await client.Peer.DataAsync(3, "first"u8.ToArray(), fin: true);
        Assert.Equal(("first", ""), await client.DrainAsync(1));
    }

    [Fact]
    public async Task RefusedPortIsReportedOnTheErrorStreamAndTheSessionGoesOn()
    {
        await using var echo = new LoopbackEcho();
        await using var client = new Client();
        var closed = LoopbackEcho.ClosedPort();
        await client.OpenAsync(1, closed, 0);
        var (data, error) = await client.DrainAsync(1);
        Assert.Equal("", data);
        Assert.StartsWith($"error forwarding port {closed} to pod web, uid uid-1: failed to connect to 127.0.0.1:{closed}", error);

        await client.OpenAsync(5, echo.Port, 1);
        await client.Peer.DataAsync(7, "still here"u8.ToArray(), fin: true);
        Assert.Equal(("still here", ""), await client.DrainAsync(5));
    }

    [Theory]
    [InlineData("0")]
    [InlineData("65536")]
    [InlineData("http")]
    public async Task InvalidPortIsReportedOnTheErrorStream(string port)
    {
        await using var client = new Client();
        await client.Peer.SynStreamAsync(1, new Dictionary<string, string> { ["streamType"] = "error", ["port"] = port, ["requestID"] = "0" });
        await client.Peer.SynStreamAsync(3, new Dictionary<string, string> { ["streamType"] = "data", ["port"] = port, ["requestID"] = "0" });
        Assert.Equal(("", $"invalid port \"{port}\""), await client.DrainAsync(1));
    }

    [Fact]
    public async Task UnknownStreamTypeIsReset()
    {
        await using var client = new Client();
        await client.Peer.SynStreamAsync(1, new Dictionary<string, string> { ["streamType"] = "telepathy", ["port"] = "80", ["requestID"] = "0" });
        var rst = await client.Peer.ReadUntilAsync(f => f.Type == SpdyTestPeer.RstStream);
        Assert.Equal((1u, 5u), (rst.Word(0), rst.Word(1)));
    }
}
