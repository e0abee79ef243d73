using System.Diagnostics;
using System.Text.Json;
using KubeSharp.Bench.Reporting;

namespace KubeSharp.Bench.Controllers;

/// <summary>
/// (d) Scheduler throughput through the API: N bare pods created as fast as the bench's workers can, while the
/// server's scheduler binds them across the simulated nodes; timed from the first create's send to the watch event
/// that shows the last pod bound. That includes the creates, so when they are slower than binding the figure is
/// the create rate; the notes give both, and the binding rate over the middle 80 % of binds.
/// </summary>
public static class SchedulerPhase
{
    public static async Task<ResultRow> RunAsync(WorkloadContext ctx, CancellationToken ct)
    {
        var n = ctx.Options.SchedulerPods;
        var nodes = await CountSimulatedNodesAsync(ctx, ct);
        var ns = $"{ctx.Prefix}-sched";
        await ctx.CreateNamespaceAsync(ns, ct);
        var collection = $"/api/v1/namespaces/{ns}/pods";
        var boundAt = new long[n];
        var bound = 0;
        var allBound = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var watch = new WatchStream(ctx.WatchApi, collection, e =>
        {
            if (e.Type is not ("ADDED" or "MODIFIED") || !IsBound(e.Object) || IndexOf(e.Object) is not { } i || i >= n || boundAt[i] != 0) return;
            boundAt[i] = e.ArrivedAt;
            if (++bound == n) allBound.TrySetResult();
        });
        var watching = watch.StartAsync(await ctx.Api.ListRevisionAsync(collection, ct), stop.Token);
        await watch.Opened;

        ctx.Log.WriteLine($"workloads: creating {n} pods for the scheduler over {nodes} simulated nodes, {ctx.Options.Workers} workers");
        var cpu = await ctx.ServerCpuSecondsAsync(ct);
        var start = Stopwatch.GetTimestamp();
        var next = -1;
        var failed = 0;
        await Task.WhenAll(Enumerable.Range(0, ctx.Options.Workers).Select(_ => Task.Run(async () =>
        {
            for (var i = Interlocked.Increment(ref next); i < n; i = Interlocked.Increment(ref next))
                if (!(await ctx.Api.PostAsync(collection, WorkloadObjects.Pod($"p-{i}", "busybox:1.36"), ct)).IsSuccess) Interlocked.Increment(ref failed);
        }, ct)));
        var created = Stopwatch.GetTimestamp();
        if (failed > 0) throw new InvalidDataException($"{failed} pod creates failed");
        await ctx.WithinTimeoutAsync(allBound.Task.ContinueWith(_ => 0L, ct), $"{n} pods bound", ct);
        var cpuNote = await ctx.ServerCpuNoteAsync(cpu, n, ct);
        await stop.CancelAsync();
        await watching;

        var sorted = boundAt.Order().ToArray();
        var seconds = WorkloadContext.Seconds(start, sorted[^1]);
        var createSeconds = WorkloadContext.Seconds(start, created);
        var (lo, hi) = (sorted[n / 10], sorted[n * 9 / 10]);
        var middle = hi > lo ? (n * 9 / 10 - n / 10) / WorkloadContext.Seconds(lo, hi) : double.NaN;
        var rate = n / seconds;
        return new ResultRow(
            $"scheduler: {ResultRow.Number(n)} pods created → all bound, {ResultRow.Number(nodes)} simulated nodes", ResultRow.Number(n), $"{ctx.Options.Workers} creators",
            $"{rate:N0} pods/s", "—", "—", "≥ 1,000 pods/s (kube-scheduler v1.26 here: 211–212)", ResultRow.Judge(nodes >= 1000, rate >= 1000),
            $"all bound {seconds:0.00} s after the first create; creates took {createSeconds:0.00} s ({n / createSeconds:N0}/s); binding rate over the middle 80 % of binds {middle:N0} pods/s; {cpuNote}");
    }

    static bool IsBound(JsonElement pod) =>
        pod.TryGetProperty("spec", out var spec) && spec.TryGetProperty("nodeName", out var node) && node.GetString() is { Length: > 0 };

    static int? IndexOf(JsonElement pod) =>
        pod.TryGetProperty("metadata", out var m) && m.TryGetProperty("name", out var name) && name.GetString() is ['p', '-', .. var rest]
            && int.TryParse(rest, System.Globalization.CultureInfo.InvariantCulture, out var i) ? i : null;

    static async Task<int> CountSimulatedNodesAsync(WorkloadContext ctx, CancellationToken ct)
    {
        var list = await ctx.Api.MustAsync(ctx.Api.GetAsync("/api/v1/nodes?labelSelector=type%3Dkwok", ct), "list nodes");
        return list["items"]?.AsArray().Count ?? 0;
    }
}
