using KubeSharp.Bench.Http;
using KubeSharp.Bench.Measurement;
using KubeSharp.Bench.Reporting;

namespace KubeSharp.Bench.Workloads;

/// <summary>
/// Full lists without <c>limit</c>, one at a time, timed to the last byte of the body. Two untimed lists
/// come first: they check the item count and let both ends settle (caches, JIT) before timing.
/// </summary>
public static class ListWorkload
{
    const int WarmUps = 2;

    public static Task<ResultRow> OneNamespaceAsync(BenchContext ctx, CancellationToken ct) =>
        RunAsync(ctx, ctx.Namespace(0), ctx.Scale.NamespaceListRepeats, expectAtLeast: ctx.Scale.ConfigMapsPerNamespace,
            target: "≤ 25 ms", limitMs: 25, ct);

    public static Task<ResultRow> AllNamespacesAsync(BenchContext ctx, CancellationToken ct) =>
        RunAsync(ctx, null, ctx.Scale.ClusterListRepeats, expectAtLeast: ctx.Scale.ConfigMaps,
            target: "≤ 150 ms", limitMs: 150, ct);

    static async Task<ResultRow> RunAsync(BenchContext ctx, string? ns, int repeats, int expectAtLeast, string target, double limitMs, CancellationToken ct)
    {
        var items = 0;
        for (var i = 0; i < WarmUps; i++)
        {
            var warm = await ctx.Api.ListAsync(ns, ct);
            if (!warm.IsSuccess) throw new InvalidDataException($"list {ns ?? "all namespaces"}: HTTP {warm.Status}: {ResponseFields.Excerpt(warm.Body)}");
            items = ResponseFields.ItemCount(warm.Body);
        }
        var outcome = await ClosedLoopRunner.RunAsync(repeats, 1, (_, token) => ctx.Api.ListAsync(ns, token), ct);
        var what = ns is null ? "list ConfigMaps, all namespaces" : "list ConfigMaps, one namespace";
        CrudRows.Log(ctx.Log, $"{what} ({items} items)", outcome);
        var complete = items >= expectAtLeast;
        var row = CrudRows.Row(what, outcome, 1, $"{target} (verdict on p50)",
            ResultRow.Judge(ctx.Judged, complete && outcome.Latency.P50Ms <= limitMs));
        return row with
        {
            Count = $"{repeats} × {ResultRow.Number(items)} items",
            Throughput = $"{outcome.PerSecond:N1} lists/s",
            Notes = (complete ? "" : $"expected ≥ {ResultRow.Number(expectAtLeast)} items; ") + row.Notes,
        };
    }
}
