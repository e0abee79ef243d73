using System.Diagnostics;
using KubeSharp.Bench.Reporting;

namespace KubeSharp.Bench.Controllers;

/// <summary>
/// (a) A Deployment of N replicas created → status.availableReplicas = N; (b) its image changed as
/// <c>kubectl set image</c> does → rollout complete (updated = available = replicas = N, old ReplicaSet at 0).
/// Both timed from the request's send to the arrival of the Deployment's watch event that shows the result.
/// </summary>
public static class DeploymentPhase
{
    const string Name = "big";

    public static async Task<IReadOnlyList<ResultRow>> RunAsync(WorkloadContext ctx, CancellationToken ct)
    {
        var n = ctx.Options.Replicas;
        var ns = $"{ctx.Prefix}-deploy";
        await ctx.CreateNamespaceAsync(ns, ct);
        var collection = $"/apis/apps/v1/namespaces/{ns}/deployments";
        var tracker = StatusTracker.ByAppLabel();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var watch = new WatchStream(ctx.WatchApi, collection, tracker.OnEvent);
        var watching = watch.StartAsync(await ctx.Api.ListRevisionAsync(collection, ct), stop.Token);
        await watch.Opened;

        // (a) create → all available
        var created = tracker.WhenAsync(Name, c => c.Replicas >= n);
        var ready = tracker.WhenAsync(Name, c => c.Ready >= n);
        var available = tracker.WhenAsync(Name, c => c.Available >= n && c.ObservedGeneration >= c.Generation);
        ctx.Log.WriteLine($"workloads: creating Deployment {ns}/{Name} with {n} replicas");
        var cpu = await ctx.ServerCpuSecondsAsync(ct);
        var start = Stopwatch.GetTimestamp();
        await ctx.Api.MustAsync(ctx.Api.PostAsync(collection, WorkloadObjects.Deployment(Name, n, "busybox:1.36"), ct), "create deployment");
        var availableAt = await ctx.WithinTimeoutAsync(available, $"{n} available replicas", ct);
        var createSeconds = WorkloadContext.Seconds(start, availableAt);
        var createRow = new ResultRow(
            $"Deployment create → {ResultRow.Number(n)} available", ResultRow.Number(n), "—", $"{n / createSeconds:N0} pods/s", "—", "—",
            "≤ 5 s", ResultRow.Judge(n == 1000, createSeconds <= 5),
            $"{createSeconds:0.00} s; all {n} pods existed after {WorkloadContext.Seconds(start, await created):0.00} s, all ready after {WorkloadContext.Seconds(start, await ready):0.00} s; {await ctx.ServerCpuNoteAsync(cpu, n, ct)}");
        ctx.Log.WriteLine($"workloads: {createRow.Notes}");

        // (b) set image → rollout complete
        var before = tracker.Latest(Name) ?? throw new InvalidDataException("the Deployment vanished");
        ctx.Log.WriteLine($"workloads: rolling {ns}/{Name} to a new image (maxSurge 25%, maxUnavailable 25%)");
        // A template change bumps the generation by one; the waiter is in place before the patch, so it sees every event.
        var generation = before.Generation + 1;
        var minAvailable = long.MaxValue;
        var complete = tracker.WhenAsync(all =>
        {
            if (!all.TryGetValue(Name, out var c) || c.ObservedGeneration < generation) return false;
            minAvailable = Math.Min(minAvailable, c.Available);
            return c.Updated == n && c.Available == n && c.Replicas == n;
        });
        cpu = await ctx.ServerCpuSecondsAsync(ct);
        start = Stopwatch.GetTimestamp();
        var patched = await ctx.Api.MustAsync(
            ctx.Api.PatchAsync($"{collection}/{Name}", WorkloadObjects.SetImagePatch("busybox:1.37"), KubeApi.StrategicMergePatch, ct), "set image");
        if (patched["metadata"]?["generation"]?.GetValue<long>() != generation)
            throw new InvalidDataException($"set image: expected generation {generation}, got {patched["metadata"]?["generation"]}");
        var completeAt = await ctx.WithinTimeoutAsync(complete, "rollout complete", ct);
        var rolloutSeconds = WorkloadContext.Seconds(start, completeAt);
        var oldReplicas = await OldReplicaSetReplicasAsync(ctx, ns, ct);
        var rolloutRow = new ResultRow(
            $"rolling update of {ResultRow.Number(n)} replicas to a new image (maxSurge 25%)", ResultRow.Number(n), "—", $"{n / rolloutSeconds:N0} pods/s", "—", "—",
            "≤ 20 s", ResultRow.Judge(n == 1000, rolloutSeconds <= 20 && oldReplicas == 0),
            $"{rolloutSeconds:0.00} s from the patch to updated = available = replicas = {n}; old ReplicaSets' spec.replicas sum to {oldReplicas} afterwards; fewest available replicas seen during the rollout {(minAvailable == long.MaxValue ? "—" : minAvailable)}; {await ctx.ServerCpuNoteAsync(cpu, n, ct)}");
        ctx.Log.WriteLine($"workloads: {rolloutRow.Notes}");
        // A load-independent figure: how many Events both phases wrote (each is one more API write per pod at worst).
        var events = await ctx.Api.MustAsync(ctx.Api.GetAsync($"/api/v1/namespaces/{ns}/events", ct), "list events");
        rolloutRow = rolloutRow with { Notes = $"{rolloutRow.Notes}; {events["items"]?.AsArray().Count ?? 0} Events in the namespace after both phases" };
        await stop.CancelAsync();
        await watching;
        return [createRow, rolloutRow];
    }

    /// <summary>The spec.replicas of every ReplicaSet of the Deployment but the current one.</summary>
    static async Task<long> OldReplicaSetReplicasAsync(WorkloadContext ctx, string ns, CancellationToken ct)
    {
        var list = await ctx.Api.MustAsync(ctx.Api.GetAsync($"/apis/apps/v1/namespaces/{ns}/replicasets", ct), "list replicasets");
        var deployment = await ctx.Api.MustAsync(ctx.Api.GetAsync($"/apis/apps/v1/namespaces/{ns}/deployments/{Name}", ct), "get deployment");
        var revision = deployment["metadata"]?["annotations"]?["deployment.kubernetes.io/revision"]?.GetValue<string>();
        long sum = 0;
        foreach (var rs in list["items"]?.AsArray() ?? [])
        {
            var rsRevision = rs?["metadata"]?["annotations"]?["deployment.kubernetes.io/revision"]?.GetValue<string>();
            if (rsRevision == revision) continue;
            sum += rs?["spec"]?["replicas"]?.GetValue<long>() ?? 0;
        }
        return sum;
    }
}
