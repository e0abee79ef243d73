using KubeSharp.Bench.Http;

namespace KubeSharp.Bench.Workloads;

/// <summary>
/// One watch stream: records, per bench create, the delay from the writer's send tick to the arrival of
/// the line carrying the event, and notices lost, repeated and unexpected events.
/// </summary>
public sealed class Watcher(int expected)
{
    readonly long[] latencies = new long[expected];
    readonly bool[] seen = new bool[expected];
    readonly TaskCompletionSource opened = new(TaskCreationOptions.RunContinuationsAsynchronously);
    readonly TaskCompletionSource complete = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes once the server has answered with headers (or the watch failed).</summary>
    public Task Opened => opened.Task;

    /// <summary>Completes once every expected event has arrived (or the watch ended).</summary>
    public Task Complete => complete.Task;

    public int Received { get; private set; }
    public int Duplicates { get; private set; }
    public int Unexpected { get; private set; }
    public string? Error { get; private set; }

    /// <summary>Delivery latencies of the events received, in Stopwatch ticks; read after the watch ended.</summary>
    public IEnumerable<long> Latencies => latencies.Where((_, i) => seen[i]);

    public async Task RunAsync(ConfigMapApi api, string ns, string resourceVersion, CancellationToken ct)
    {
        try
        {
            using var response = await api.OpenWatchAsync(ns, resourceVersion, ct);
            opened.TrySetResult();
            await using var stream = await response.Content.ReadAsStreamAsync(ct);
            await WatchLines.ReadAsync(stream, OnLine, ct);
            Error ??= "the server ended the watch";
        }
        catch (Exception) when (ct.IsCancellationRequested)
        {
            // The bench ends every watch by cancelling it; what breaks then is expected.
        }
        catch (Exception e) when (e is HttpRequestException or IOException)
        {
            Error ??= $"{e.GetType().Name}: {e.Message}";
        }
        finally
        {
            opened.TrySetResult();
            complete.TrySetResult();
        }
    }

    void OnLine(ReadOnlySpan<byte> line, long now)
    {
        if (WatchEventProbe.IsType(line, "ERROR"u8))
        {
            Error ??= "ERROR event: " + System.Text.Encoding.UTF8.GetString(line[..Math.Min(line.Length, 300)]);
            return;
        }
        if (!WatchEventProbe.IsType(line, "ADDED"u8) || !WatchEventProbe.TryReadStamp(line, out var sequence, out var sent)
            || sequence < 0 || sequence >= expected)
        {
            Unexpected++;
            return;
        }
        if (seen[sequence])
        {
            Duplicates++;
            return;
        }
        seen[sequence] = true;
        latencies[sequence] = now - sent;
        if (++Received == expected) complete.TrySetResult();
    }
}
