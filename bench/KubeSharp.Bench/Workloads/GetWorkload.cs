using KubeSharp.Bench.Measurement;
using KubeSharp.Bench.Reporting;

namespace KubeSharp.Bench.Workloads;

/// <summary>GETs of ConfigMaps picked at random among those created.</summary>
public static class GetWorkload
{
    public static async Task<ResultRow> RunAsync(BenchContext ctx, CancellationToken ct)
    {
        var picks = new Random(17);
        var targets = Enumerable.Range(0, ctx.Scale.Gets).Select(_ => picks.Next(ctx.Scale.ConfigMaps)).ToArray();
        var outcome = await ClosedLoopRunner.RunAsync(ctx.Scale.Gets, ctx.Options.Workers, (i, token) =>
        {
            var (ns, name) = ctx.ConfigMap(targets[i]);
            return ctx.Api.GetAsync(ns, name, token);
        }, ct);
        CrudRows.Log(ctx.Log, "get", outcome);
        return CrudRows.Row("get ConfigMap (random)", outcome, ctx.Options.Workers, "≥ 2,100/s (kube ref.), p99 ≤ 13 ms",
            ResultRow.Judge(ctx.Judged, outcome.PerSecond >= 2_100 && outcome.Latency.P99Ms <= 13));
    }
}
