using System.Diagnostics;
using System.Globalization;
using KubeSharp.Bench.Http;
using KubeSharp.Bench.Measurement;
using KubeSharp.Bench.Reporting;

namespace KubeSharp.Bench.Workloads;

/// <summary>
/// Watch fan-out: many watchers on one namespace, one writer creating ConfigMaps at a steady rate, each
/// stamped with the writer's Stopwatch tick. Latency = line received at a watcher − tick before the create
/// was sent, so it includes the create itself, as a controller reacting to a change would see it.
/// </summary>
public static class WatchWorkload
{
    static readonly TimeSpan OpenTimeout = TimeSpan.FromSeconds(10);
    static readonly TimeSpan DrainTimeout = TimeSpan.FromSeconds(10);

    public static async Task<ResultRow> RunAsync(BenchContext ctx, CancellationToken ct)
    {
        var ns = ctx.WatchNamespace;
        var events = ctx.Scale.WatchEvents;
        var list = await ctx.Api.ListAsync(ns, ct);
        if (!list.IsSuccess) throw new InvalidDataException($"list {ns}: HTTP {list.Status}: {ResponseFields.Excerpt(list.Body)}");
        var resourceVersion = ResponseFields.ResourceVersion(list.Body);

        // Watchers get their own connections: the writer's requests must not queue behind their streams.
        using var watchHttp = ctx.Clients.Create();
        var watchApi = new ConfigMapApi(watchHttp);
        var watchers = Enumerable.Range(0, ctx.Scale.Watchers).Select(_ => new Watcher(events)).ToArray();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var running = watchers.Select(w => Task.Run(() => w.RunAsync(watchApi, ns, resourceVersion, stop.Token), ct)).ToArray();
        var allOpen = await Finishes(Task.WhenAll(watchers.Select(w => w.Opened)), OpenTimeout, ct);
        ctx.Log.WriteLine($"  watch: {watchers.Length} watchers from resourceVersion {resourceVersion}" + (allOpen ? "" : " (not all opened in time)"));

        var writer = await WriteAsync(ctx, ns, events, ct);
        var drained = await Finishes(Task.WhenAll(watchers.Select(w => w.Complete)), DrainTimeout, ct);
        await stop.CancelAsync();
        await Task.WhenAll(running);

        var latency = LatencySummary.Of(watchers.SelectMany(w => w.Latencies).ToArray());
        var complete = watchers.Count(w => w.Received == events && w.Duplicates == 0 && w.Error is null);
        var missing = watchers.Sum(w => events - w.Received);
        var duplicates = watchers.Sum(w => w.Duplicates);
        var unexpected = watchers.Sum(w => w.Unexpected);
        var firstError = watchers.Select(w => w.Error).FirstOrDefault(e => e is not null);
        var delivered = watchers.Sum(w => w.Received);
        ctx.Log.WriteLine($"  watch: delivered {delivered} of {events * watchers.Length}, p50 {latency.P50Ms:0.00} ms, p99 {latency.P99Ms:0.00} ms, max {latency.MaxMs:0.0} ms; "
            + $"{complete}/{watchers.Length} watchers complete, missing {missing}, duplicates {duplicates}, unexpected {unexpected}" + (drained ? "" : ", not drained in time")
            + (firstError is null ? "" : $", first error: {firstError}"));
        CrudRows.Log(ctx.Log, "watch writer creates", writer);

        var notes = $"{complete}/{watchers.Length} watchers got all {ResultRow.Number(events)} events"
            + (missing > 0 ? $", {ResultRow.Number(missing)} events missing" : "")
            + (duplicates > 0 ? $", {ResultRow.Number(duplicates)} duplicates" : "")
            + (unexpected > 0 ? $", {ResultRow.Number(unexpected)} unexpected events" : "")
            + (firstError is null ? "" : $", watch error: {firstError}")
            + $"; writer {writer.PerSecond:N0} creates/s, create p99 {ResultRow.Ms(writer.Latency.P99Ms)}"
            + (writer.Errors > 0 ? $", {writer.Errors} create errors (first: {writer.FirstError})" : "")
            + $"; max {ResultRow.Ms(latency.MaxMs)}";
        return new ResultRow(
            $"watch delivery (1 writer at {ctx.Options.WatchRate}/s)",
            $"{ResultRow.Number(events)} events × {watchers.Length} watchers",
            $"{watchers.Length} watchers",
            $"{delivered / writer.Seconds:N0} events/s delivered",
            ResultRow.Ms(latency.P50Ms),
            ResultRow.Ms(latency.P99Ms),
            "p99 ≤ 50 ms, every watcher gets every event",
            // Losing an event is a correctness failure, judged at any scale.
            complete < watchers.Length ? Verdict.Missed : ResultRow.Judge(ctx.Judged, latency.P99Ms <= 50),
            notes);
    }

    /// <summary>The single writer: creates at a fixed schedule, not as fast as it can, so latency is not queueing.</summary>
    static async Task<RunOutcome> WriteAsync(BenchContext ctx, string ns, int events, CancellationToken ct)
    {
        var interval = Stopwatch.Frequency / (double)ctx.Options.WatchRate;
        var latencies = new long[events];
        var errors = 0;
        string? firstError = null;
        var begin = Stopwatch.GetTimestamp();
        for (var k = 0; k < events; k++)
        {
            var wait = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), begin + (long)(k * interval));
            if (wait > TimeSpan.Zero) await Task.Delay(wait, ct);
            var sent = Stopwatch.GetTimestamp();
            var name = $"watched-{k:D5}";
            var body = ConfigMapBodies.ConfigMap(ns, name, ConfigMapBodies.Payload, annotations:
            [
                new(ConfigMapBodies.SentTicksAnnotation, sent.ToString(CultureInfo.InvariantCulture)),
                new(ConfigMapBodies.SequenceAnnotation, k.ToString(CultureInfo.InvariantCulture)),
            ]);
            var response = await ctx.Api.CreateAsync(ns, body, ct);
            latencies[k] = Stopwatch.GetTimestamp() - sent;
            if (!response.IsSuccess)
            {
                errors++;
                firstError ??= $"HTTP {response.Status}: {ResponseFields.Excerpt(response.Body)}";
            }
        }
        var seconds = Stopwatch.GetElapsedTime(begin).TotalSeconds;
        return new RunOutcome(events, errors, seconds, LatencySummary.Of(latencies), firstError);
    }

    static async Task<bool> Finishes(Task task, TimeSpan timeout, CancellationToken ct)
    {
        try
        {
            await task.WaitAsync(timeout, ct);
            return true;
        }
        catch (TimeoutException)
        {
            return false;
        }
    }
}
