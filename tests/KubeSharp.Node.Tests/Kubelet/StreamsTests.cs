using System.Text;
using KubeSharp.Node.Streams;
using KubeSharp.Client.NodeStreams;

namespace KubeSharp.Node.Tests.Kubelet;

public sealed class StreamsTests : IDisposable
{
    readonly string _log = Path.GetTempFileName();

    public StreamsTests() => File.WriteAllText(_log, string.Join("\n",
        "2026-01-01T00:00:01.000000000Z stdout F one",
        "2026-01-01T00:00:02.000000000Z stderr F two",
        "2026-01-01T00:00:03.000000000Z stdout P thr",
        "2026-01-01T00:00:03.100000000Z stdout F ee",
        "2026-01-01T00:00:04.000000000Z stdout F four") + "\n");

    async Task<string> LogsAsync(PodLogOptions options, TimeProvider? time = null)
    {
        var output = new MemoryStream();
        await new LogWriter(options, output, time ?? TimeProvider.System).WriteAsync(_log, () => Task.FromResult(false), CancellationToken.None);
        return Encoding.UTF8.GetString(output.ToArray());
    }

    [Fact]
    public async Task Plain_text_rejoins_split_lines() => Assert.Equal("one\ntwo\nthree\nfour\n", await LogsAsync(new PodLogOptions()));

    [Fact]
    public async Task Tail_counts_whole_lines() => Assert.Equal("three\nfour\n", await LogsAsync(new PodLogOptions { TailLines = 2 }));

    [Fact]
    public async Task Timestamps_limit_and_since()
    {
        Assert.StartsWith("2026-01-01T00:00:01.000000000Z one\n", await LogsAsync(new PodLogOptions { Timestamps = true }));
        Assert.Equal("one\ntw", await LogsAsync(new PodLogOptions { LimitBytes = 6 }));
        Assert.Equal("four\n", await LogsAsync(new PodLogOptions { SinceTime = new DateTimeOffset(2026, 1, 1, 0, 0, 4, TimeSpan.Zero) }));
        var clock = new ManualTime(new DateTimeOffset(2026, 1, 1, 0, 0, 5, TimeSpan.Zero));
        Assert.Equal("three\nfour\n", await LogsAsync(new PodLogOptions { SinceSeconds = 2 }, clock));
    }

    [Fact]
    public async Task Follow_picks_up_lines_written_later_and_stops_when_the_container_exits()
    {
        var running = true;
        var output = new MemoryStream();
        var writer = new LogWriter(new PodLogOptions { Follow = true, TailLines = 0 }, output, TimeProvider.System);
        var follow = writer.WriteAsync(_log, () => Task.FromResult(Volatile.Read(ref running)), CancellationToken.None);
        await Task.Delay(200);
        await File.AppendAllTextAsync(_log, "2026-01-01T00:00:05.000000000Z stdout F five\n");
        await Task.Delay(300);
        Volatile.Write(ref running, false);
        await follow.WaitAsync(TimeSpan.FromSeconds(5));
        Assert.Equal("five\n", Encoding.UTF8.GetString(output.ToArray()));
    }

    [Fact]
    public void Tail_for_termination_messages_keeps_the_end()
    {
        Assert.Equal("three\nfour\n", CriLog.Tail(_log, 2, 100));
        Assert.Equal("ur\n", CriLog.Tail(_log, 2, 3));
    }

    public void Dispose() => File.Delete(_log);
}
