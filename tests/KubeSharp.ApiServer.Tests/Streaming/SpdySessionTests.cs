using System.Text;
using KubeSharp.ApiServer.Streaming.Spdy;

namespace KubeSharp.ApiServer.Tests.Streaming;

public sealed class SpdySessionTests
{
    // kubectl 1.32's first two SYN_STREAM header blocks of a port-forward (error then data stream,
    // port 9000, requestID 0), captured with -v=8; the second continues the first's zlib stream.
    static readonly byte[] KubectlErrorStreamHeaders = Convert.FromHexString(
        "78F9E3C6A7C202253A703A2B294A4DCC851625ACA9A08086" + "14CB45E01C60696060C0C0C0C0590489C64C50F26634000000" + "00FFFF");
    static readonly byte[] KubectlDataStreamHeaders = Convert.FromHexString("C2AA19540E2512D60B000000FFFF");

    static Dictionary<string, string> Headers(string type, string port = "9000", string requestId = "0") =>
        new() { ["streamType"] = type, ["port"] = port, ["requestID"] = requestId };

    sealed class Harness : IAsyncDisposable
    {
        public readonly SpdySession Session;
        public readonly SpdyTestPeer Client;
        public readonly Task Run;
        readonly Stream _server, _client;
        readonly CancellationTokenSource _stop = new();

        public Harness(Func<SpdyStream, Task> onStream)
        {
            (_server, _client) = DuplexPair.Create();
            Session = new SpdySession(_server);
            Client = new SpdyTestPeer(_client);
            Run = Session.RunAsync(onStream, _stop.Token);
        }

        public async ValueTask DisposeAsync()
        {
            await _stop.CancelAsync();
            await Run.WaitAsync(TimeSpan.FromSeconds(10));
            Session.Dispose();
            await _client.DisposeAsync();
            _stop.Dispose();
        }
    }

    [Fact]
    public void DictionaryIsTheOneKubectlCompressesAgainst()
    {
        Assert.Equal(1423, SpdyHeaderDictionary.Bytes.Length);
        // Bytes 2..5 of kubectl's first header block are the zlib DICTID: the dictionary's Adler-32.
        Assert.Equal(0xE3C6A7C2u, SpdyTestPeer.Adler32(SpdyHeaderDictionary.Bytes));
    }

    [Fact]
    public async Task DecodesTheHeaderBlocksKubectlSendsAndRepliesToEachStream()
    {
        var streams = new List<SpdyStream>();
        await using var h = new Harness(s => { lock (streams) streams.Add(s); return Task.CompletedTask; });
        await h.Client.SynStreamRawAsync(1, KubectlErrorStreamHeaders);
        await h.Client.SynStreamRawAsync(3, KubectlDataStreamHeaders);

        var replies = new List<SpdyFrame> { await h.Client.ReadFrameAsync() ?? throw new IOException(), await h.Client.ReadFrameAsync() ?? throw new IOException() };
        Assert.All(replies, r => Assert.Equal((true, SpdyTestPeer.SynReply), (r.Control, r.Type)));
        Assert.Equal([1u, 3u], replies.Select(r => r.StreamId));
        // Our replies' header blocks are one zlib stream as well, each an empty header list.
        using var inflater = new ZlibInflater(SpdyHeaderDictionary.Bytes);
        foreach (var r in replies) Assert.Empty(SpdyHeaderBlock.Parse(inflater.Inflate(r.Payload.AsSpan(4))));

        await WaitUntilAsync(() => { lock (streams) return streams.Count == 2; });
        var byId = streams.ToDictionary(s => s.Id);
        Assert.Equal(("error", "9000", "0"), (byId[1].Header("streamtype"), byId[1].Header("port"), byId[1].Header("requestID")));
        Assert.Equal(("data", "9000", "0"), (byId[3].Header("streamType"), byId[3].Header("PORT"), byId[3].Header("requestid")));
    }

    [Fact]
    public async Task DataFlowsBothWaysInFramesOfAtMost64KiBWithWindowUpdatesAndFin()
    {
        var reply = new byte[150_000];
        Random.Shared.NextBytes(reply);
        var received = new TaskCompletionSource<string>();
        await using var h = new Harness(async s =>
        {
            using var input = new MemoryStream();
            await s.Input.CopyToAsync(input);
            received.SetResult(Encoding.UTF8.GetString(input.ToArray()));
            await s.WriteAsync(reply, CancellationToken.None);
            await s.CloseAsync(CancellationToken.None);
        });
        await h.Client.SynStreamAsync(1, Headers("data"));
        await h.Client.DataAsync(1, "hello "u8.ToArray());
        await h.Client.DataAsync(1, "pod"u8.ToArray(), fin: true);
        Assert.Equal("hello pod", await received.Task.WaitAsync(TimeSpan.FromSeconds(10)));

        var others = new List<SpdyFrame>();
        var data = new MemoryStream();
        while (true)
        {
            var f = await h.Client.ReadUntilAsync(f => !f.Control, others);
            Assert.Equal(1u, f.StreamId);
            Assert.True(f.Payload.Length <= 64 * 1024);
            data.Write(f.Payload);
            if (f.Fin) break;
        }
        Assert.Equal(reply, data.ToArray());
        var windowUpdates = others.Where(f => f.Type == SpdyTestPeer.WindowUpdate).Select(f => (f.Word(0), f.Word(1))).ToList();
        Assert.Equal([(1u, 6u), (1u, 3u)], windowUpdates);
        // Both halves are closed, so the session no longer tracks the stream.
        await WaitUntilAsync(() => h.Session.OpenStreams == 0);
    }

    [Fact]
    public async Task PingIsEchoed()
    {
        await using var h = new Harness(_ => Task.CompletedTask);
        await h.Client.ControlAsync(SpdyTestPeer.Ping, 0, [0, 0, 0, 7]);
        var pong = await h.Client.ReadFrameAsync();
        Assert.Equal((true, SpdyTestPeer.Ping, 7u), (pong!.Control, pong.Type, pong.Word(0)));
    }

    [Fact]
    public async Task ClientResetEndsTheStreamInputAndWritesFail()
    {
        var ended = new TaskCompletionSource<Exception?>();
        await using var h = new Harness(async s =>
        {
            await s.Input.CopyToAsync(Stream.Null);
            ended.SetResult(await Record.ExceptionAsync(() => s.WriteAsync("late"u8.ToArray(), CancellationToken.None)));
        });
        await h.Client.SynStreamAsync(1, Headers("data"));
        await h.Client.ReadFrameAsync(); // SYN_REPLY
        await h.Client.RstStreamAsync(1, 5);
        Assert.IsType<IOException>(await ended.Task.WaitAsync(TimeSpan.FromSeconds(10)));
        await WaitUntilAsync(() => h.Session.OpenStreams == 0);
    }

    [Theory]
    [InlineData(2u, 1u)] // servers open even streams; a client may not
    [InlineData(1u, 8u)] // a second SYN_STREAM for an id in use
    public async Task BadStreamIdsAreReset(uint id, uint status)
    {
        var opened = 0;
        await using var h = new Harness(_ => { Interlocked.Increment(ref opened); return Task.CompletedTask; });
        if (id == 1)
        {
            await h.Client.SynStreamAsync(1, Headers("error"));
            await h.Client.ReadFrameAsync(); // SYN_REPLY
        }
        await h.Client.SynStreamAsync(id, Headers("data"));
        var rst = await h.Client.ReadFrameAsync();
        Assert.Equal((true, SpdyTestPeer.RstStream, id, status), (rst!.Control, rst.Type, rst.Word(0), rst.Word(1)));
        // The header block was still inflated: the next stream decodes.
        await h.Client.SynStreamAsync(5, Headers("data", requestId: "7"));
        Assert.Equal(SpdyTestPeer.SynReply, (await h.Client.ReadFrameAsync())!.Type);
        await WaitUntilAsync(() => Volatile.Read(ref opened) == (id == 1 ? 2 : 1));
    }

    [Theory]
    [InlineData("789cffffffff")] // a zlib stream whose first deflate block has the reserved type
    [InlineData("0102")] // sent as the whole SYN_STREAM payload: shorter than its fixed fields
    public async Task MalformedHeaderBlockEndsTheSessionWithGoAway(string hex)
    {
        await using var h = new Harness(_ => Task.CompletedTask);
        var block = Convert.FromHexString(hex);
        if (block.Length < 4)
            await h.Client.ControlAsync(SpdyTestPeer.SynStream, 0, block);
        else
            await h.Client.SynStreamRawAsync(1, block);
        var goAway = await h.Client.ReadFrameAsync();
        Assert.Equal((true, SpdyTestPeer.GoAway, 1u), (goAway!.Control, goAway.Type, goAway.Word(1)));
        await h.Run.WaitAsync(TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task ClientGoingAwayEndsTheSessionAndTheStreams()
    {
        var inputEnded = new TaskCompletionSource();
        await using var h = new Harness(async s =>
        {
            await s.Input.CopyToAsync(Stream.Null);
            inputEnded.SetResult();
        });
        await h.Client.SynStreamAsync(1, Headers("data"));
        await h.Client.ReadFrameAsync();
        await h.Client.ControlAsync(SpdyTestPeer.GoAway, 0, SpdyTestPeer.TwoWords(0, 0));
        await h.Run.WaitAsync(TimeSpan.FromSeconds(10));
        await inputEnded.Task.WaitAsync(TimeSpan.FromSeconds(10));
    }

    [Fact]
    public void HeaderBlocksRoundTripAndTruncationIsRejected()
    {
        var block = SpdyHeaderBlock.Encode(new Dictionary<string, string> { ["streamType"] = "data", ["port"] = "80" });
        var parsed = SpdyHeaderBlock.Parse(block);
        Assert.Equal(("data", "80"), (parsed["streamtype"], parsed["port"]));
        Assert.Contains("streamtype", Encoding.ASCII.GetString(block)); // SPDY/3 names are lower case on the wire
        Assert.Throws<InvalidDataException>(() => SpdyHeaderBlock.Parse(block.AsSpan(0, block.Length - 1)));
        Assert.Throws<InvalidDataException>(() => SpdyHeaderBlock.Parse([0, 0, 0, 1, 0xff, 0xff, 0xff, 0xff]));
        Assert.Equal("a", SpdyHeaderBlock.Parse(SpdyHeaderBlock.Encode(new Dictionary<string, string> { ["x"] = "a\0b" }))["x"]);
    }

    internal static async Task WaitUntilAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException("condition not met");
            await Task.Delay(10);
        }
    }
}
