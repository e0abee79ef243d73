using System.Diagnostics;
using System.Text.Json.Nodes;
using KubeSharp.Bench.Measurement;
using KubeSharp.Bench.Reporting;

namespace KubeSharp.Bench.Controllers;

/// <summary>
/// (c) Controller throughput. D Deployments of R pods each, plus a small "probe" Deployment, all Ready; then for a
/// fixed time the bench flips pods' Ready condition (as readiness probes would) at a steady rate, in an open loop
/// (changes are sent on schedule, not when the last one returned). Meanwhile it scrapes the server's /metrics once
/// a second (work-queue depth, adds, wait and work time, process CPU) and, every quarter second, flips one probe pod
/// and times how long the probe ReplicaSet's status.readyReplicas takes to show it: the lag from a pod change to
/// the controller's reaction, under the load. At the end it times how long every ReplicaSet takes to report the
/// final ready counts.
/// </summary>
public static class ChurnPhase
{
    const string ProbeApp = "probe";
    const int ProbeReplicas = 10;
    const int MaxInFlight = 64;
    static readonly TimeSpan ProbeInterval = TimeSpan.FromMilliseconds(250);
    static readonly string[] Queues = ["replicaset", "deployment"];

    public sealed record Result(ResultRow Row, IReadOnlyList<string> Series);

    public static async Task<Result> RunAsync(WorkloadContext ctx, CancellationToken ct)
    {
        var o = ctx.Options;
        var ns = $"{ctx.Prefix}-churn";
        await ctx.CreateNamespaceAsync(ns, ct);
        var rsCollection = $"/apis/apps/v1/namespaces/{ns}/replicasets";
        var tracker = StatusTracker.ByAppLabel();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var watch = new WatchStream(ctx.WatchApi, rsCollection, tracker.OnEvent);
        var watching = watch.StartAsync(await ctx.Api.ListRevisionAsync(rsCollection, ct), stop.Token);
        await watch.Opened;

        // Set-up (untimed): every Deployment created and fully available.
        var apps = Enumerable.Range(0, o.ChurnDeployments).Select(i => $"churn-{i}").ToList();
        var size = apps.ToDictionary(a => a, _ => o.ChurnReplicas, StringComparer.Ordinal);
        size[ProbeApp] = ProbeReplicas;
        var allAvailable = tracker.WhenAsync(all => size.All(s => all.TryGetValue(s.Key, out var c) && c.Available == s.Value && c.Ready == s.Value));
        var setup = Stopwatch.GetTimestamp();
        foreach (var (app, replicas) in size)
            await ctx.Api.MustAsync(ctx.Api.PostAsync($"/apis/apps/v1/namespaces/{ns}/deployments", WorkloadObjects.Deployment(app, replicas, "busybox:1.36"), ct), $"create deployment {app}");
        await ctx.WithinTimeoutAsync(allAvailable, "churn Deployments available", ct);
        ctx.Log.WriteLine($"workloads: {o.ChurnDeployments} × {o.ChurnReplicas} + {ProbeReplicas} probe pods available after {Stopwatch.GetElapsedTime(setup).TotalSeconds:0.0} s");

        var pods = await ListPodsAsync(ctx, ns, ct);
        // A fixed shuffle, so every ReplicaSet sees a steady share of the changes rather than one at a time.
        var churned = pods.Where(p => p.App != ProbeApp).OrderBy(p => p.Name, StringComparer.Ordinal).ToArray();
        new Random(1).Shuffle(churned);
        var probes = pods.Where(p => p.App == ProbeApp).ToArray();
        if (churned.Length == 0 || probes.Length != ProbeReplicas) throw new InvalidDataException($"expected churn and {ProbeReplicas} probe pods, found {churned.Length} and {probes.Length}");

        // The run: flips on schedule, probes, and scrapes, all until the deadline.
        ctx.Log.WriteLine($"workloads: flipping pod readiness at {o.ChurnRate:0}/s for {o.ChurnDuration.TotalSeconds:0} s over {churned.Length} pods");
        var samples = new List<MetricsSample>();
        var seconds = (int)Math.Ceiling(o.ChurnDuration.TotalSeconds);
        var sentPerSecond = new int[seconds + 1];
        var patchLatency = new List<long>();
        var failures = 0;
        var flips = new Flipper(ctx, ns);
        if (await MetricsSample.ScrapeAsync(ctx.Api, ct) is { } first) samples.Add(first);
        var start = Stopwatch.GetTimestamp();
        var deadline = start + (long)(o.ChurnDuration.TotalSeconds * Stopwatch.Frequency);
        var scraping = ScrapeAsync(ctx, samples, deadline, ct);
        var probing = ProbeAsync(ctx, flips, probes, tracker, deadline, ct);
        using var inFlight = new SemaphoreSlim(MaxInFlight);
        var running = new List<Task>();
        var sent = 0;
        var behind = 0;
        while (Stopwatch.GetTimestamp() < deadline)
        {
            var due = (long)(Stopwatch.GetElapsedTime(start).TotalSeconds * o.ChurnRate);
            while (sent < due)
            {
                if (!inFlight.Wait(0)) { behind++; await inFlight.WaitAsync(ct); }
                var pod = churned[sent % churned.Length];
                var second = Math.Min(seconds, (int)Stopwatch.GetElapsedTime(start).TotalSeconds);
                sent++;
                running.Add(Task.Run(async () =>
                {
                    try
                    {
                        var t = Stopwatch.GetTimestamp();
                        if (await flips.FlipAsync(pod, ct)) lock (patchLatency) patchLatency.Add(Stopwatch.GetTimestamp() - t);
                        else Interlocked.Increment(ref failures);
                        Interlocked.Increment(ref sentPerSecond[second]);
                    }
                    finally { inFlight.Release(); }
                }, ct));
            }
            await Task.Delay(2, ct);
        }
        await Task.WhenAll(running);
        var lastChange = Stopwatch.GetTimestamp();
        var probeLags = await probing;
        await scraping;
        var sendSeconds = WorkloadContext.Seconds(start, lastChange);

        // Catch-up: every ReplicaSet reports the ready count the bench left it with.
        var expected = size.ToDictionary(s => s.Key, s => s.Value, StringComparer.Ordinal);
        foreach (var p in pods.Where(p => !flips.IsReady(p))) expected[p.App]--;
        var caughtUp = await ctx.WithinTimeoutAsync(tracker.WhenAsync(all => expected.All(e => all.TryGetValue(e.Key, out var c) && c.Ready == e.Value)), "ReplicaSets catching up", ct);
        var catchUpMs = caughtUp > lastChange ? WorkloadContext.Seconds(lastChange, caughtUp) * 1000 : 0;
        if (await MetricsSample.ScrapeAsync(ctx.Api, ct) is { } last) samples.Add(last);
        await stop.CancelAsync();
        await watching;

        var changes = sent + probeLags.Count;
        var rate = changes / sendSeconds;
        var lag = LatencySummary.Of([.. probeLags]);
        var patches = LatencySummary.Of([.. patchLatency]);
        var depth = DepthTrend(samples, "replicaset");
        var series = Series(samples, start, sentPerSecond);
        var cpu = samples.Count >= 2 ? (samples[^1].CpuSeconds - samples[0].CpuSeconds) / WorkloadContext.Seconds(samples[0].At, samples[^1].At) : double.NaN;
        var met = rate >= 0.95 * o.ChurnRate && failures == 0 && lag.P99Ms <= 1000 && catchUpMs <= 2000 && depth.LastThird <= Math.Max(1, 2 * depth.FirstThird);
        var row = new ResultRow(
            $"controllers under pod churn: readiness flips for {o.ChurnDuration.TotalSeconds:0} s over {o.ChurnDeployments} × {o.ChurnReplicas} pods",
            ResultRow.Number(changes), $"≤ {MaxInFlight} in flight", $"{rate:N0} changes/s", ResultRow.Ms(lag.P50Ms), ResultRow.Ms(lag.P99Ms),
            "sustain 500 changes/s, queue not growing (p50/p99: change → RS status shows it, ≤ 1 s)",
            ResultRow.Judge(o.ChurnRate >= 500, met),
            $"{probeLags.Count} probe changes, lag max {ResultRow.Ms(lag.MaxMs)}; replicaset queue depth max {depth.Max:0} (mean {depth.FirstThird:0.0} in the first third, {depth.LastThird:0.0} in the last); " +
            $"all ReplicaSets showed the final counts {catchUpMs:0} ms after the last change; patch p99 {ResultRow.Ms(patches.P99Ms)}; {failures} failed; " +
            $"sender fell behind {behind} times; server CPU {cpu * 100:0} % of one core");
        ctx.Log.WriteLine($"workloads: {row.Notes}");
        return new Result(row, series);
    }

    sealed record PodRef(string Name, string App);

    /// <summary>Flips pods' readiness and remembers what it last told each one.</summary>
    sealed class Flipper(WorkloadContext ctx, string ns)
    {
        readonly Dictionary<string, bool> _notReady = new(StringComparer.Ordinal);

        public bool IsReady(PodRef pod)
        {
            lock (_notReady) return !_notReady.GetValueOrDefault(pod.Name);
        }

        public Task<bool> FlipAsync(PodRef pod, CancellationToken ct) => SetAsync(pod, !IsReady(pod), ct);

        public async Task<bool> SetAsync(PodRef pod, bool ready, CancellationToken ct)
        {
            lock (_notReady) _notReady[pod.Name] = !ready;
            var r = await ctx.Api.PatchAsync($"/api/v1/namespaces/{ns}/pods/{pod.Name}/status", WorkloadObjects.ReadyPatch(ready, DateTimeOffset.UtcNow), KubeApi.StrategicMergePatch, ct);
            return r.IsSuccess;
        }
    }

    static async Task<List<PodRef>> ListPodsAsync(WorkloadContext ctx, string ns, CancellationToken ct)
    {
        var list = await ctx.Api.MustAsync(ctx.Api.GetAsync($"/api/v1/namespaces/{ns}/pods", ct), "list pods");
        return [.. (list["items"]?.AsArray() ?? []).OfType<JsonObject>()
            .Where(p => p["metadata"]?["deletionTimestamp"] is null)
            .Select(p => new PodRef(p["metadata"]!["name"]!.GetValue<string>(), p["metadata"]?["labels"]?["app"]?.GetValue<string>() ?? ""))];
    }

    /// <summary>One probe at a time: a probe pod goes not-ready (or ready again) and the probe ReplicaSet must say so.</summary>
    static async Task<List<long>> ProbeAsync(WorkloadContext ctx, Flipper flips, PodRef[] probes, StatusTracker tracker, long deadline, CancellationToken ct)
    {
        var lags = new List<long>();
        for (var i = 0; Stopwatch.GetTimestamp() < deadline; i++)
        {
            var pod = probes[i / 2 % probes.Length];
            var ready = i % 2 == 1;
            var seen = tracker.WhenAsync(ProbeApp, c => c.Ready == (ready ? ProbeReplicas : ProbeReplicas - 1));
            var sent = Stopwatch.GetTimestamp();
            if (!await flips.SetAsync(pod, ready, ct)) throw new InvalidDataException($"probe patch of {pod.Name} failed");
            lags.Add(await ctx.WithinTimeoutAsync(seen, "probe ReplicaSet status", ct) - sent);
            var next = sent + (long)(ProbeInterval.TotalSeconds * Stopwatch.Frequency);
            var wait = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), next);
            if (wait > TimeSpan.Zero) await Task.Delay(wait, ct);
        }
        return lags;
    }

    static async Task ScrapeAsync(WorkloadContext ctx, List<MetricsSample> samples, long deadline, CancellationToken ct)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1));
        while (Stopwatch.GetTimestamp() < deadline && await timer.WaitForNextTickAsync(ct))
            if (await MetricsSample.ScrapeAsync(ctx.Api, ct) is { } s) samples.Add(s);
    }

    readonly record struct Trend(double Max, double FirstThird, double LastThird);

    static Trend DepthTrend(List<MetricsSample> samples, string queue)
    {
        var depths = samples.Select(s => s.Queue("workqueue_depth", queue)).Where(d => !double.IsNaN(d)).ToList();
        if (depths.Count == 0) return new Trend(double.NaN, double.NaN, double.NaN);
        var third = Math.Max(1, depths.Count / 3);
        return new Trend(depths.Max(), depths.Take(third).Average(), depths.TakeLast(third).Average());
    }

    /// <summary>Per scrape interval: changes sent, each queue's depth and adds, the replicaset queue's mean wait and work time, server CPU.</summary>
    static List<string> Series(List<MetricsSample> samples, long start, int[] sentPerSecond)
    {
        var lines = new List<string>
        {
            "| t (s) | changes sent | replicaset depth | deployment depth | replicaset adds | deployment adds | replicaset mean wait | replicaset mean work | server CPU |",
            "|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
        };
        for (var i = 1; i < samples.Count; i++)
        {
            var (a, b) = (samples[i - 1], samples[i]);
            var dt = WorkloadContext.Seconds(a.At, b.At);
            double Delta(string metric, string q) => b.Queue(metric, q) - a.Queue(metric, q);
            string MeanMs(string metric)
            {
                var n = Delta(metric + "_count", "replicaset");
                return n > 0 ? ResultRow.Ms(Delta(metric + "_sum", "replicaset") / n * 1000) : "—";
            }
            var t = WorkloadContext.Seconds(start, b.At);
            var second = (int)Math.Clamp(Math.Floor(WorkloadContext.Seconds(start, a.At) + 0.5), 0, sentPerSecond.Length - 1);
            lines.Add($"| {t:0.0} | {sentPerSecond[second]} | {b.Queue("workqueue_depth", Queues[0]):0} | {b.Queue("workqueue_depth", Queues[1]):0} | " +
                $"{Delta("workqueue_adds_total", Queues[0]):0} | {Delta("workqueue_adds_total", Queues[1]):0} | {MeanMs("workqueue_queue_duration_seconds")} | " +
                $"{MeanMs("workqueue_work_duration_seconds")} | {(b.CpuSeconds - a.CpuSeconds) / dt * 100:0} % |");
        }
        return lines;
    }
}
