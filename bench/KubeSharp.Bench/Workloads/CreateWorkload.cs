using KubeSharp.Bench.Http;
using KubeSharp.Bench.Measurement;
using KubeSharp.Bench.Reporting;

namespace KubeSharp.Bench.Workloads;

/// <summary>Creates every ConfigMap of the run, filling the namespaces one after the other.</summary>
public static class CreateWorkload
{
    public static async Task<ResultRow> RunAsync(BenchContext ctx, CancellationToken ct)
    {
        var outcome = await ClosedLoopRunner.RunAsync(ctx.Scale.ConfigMaps, ctx.Options.Workers, (i, token) =>
        {
            var (ns, name) = ctx.ConfigMap(i);
            return ctx.Api.CreateAsync(ns, ConfigMapBodies.ConfigMap(ns, name, ConfigMapBodies.Payload), token);
        }, ct, (i, response) => ctx.ResourceVersions[i] = ResponseFields.ResourceVersion(response.Body));
        CrudRows.Log(ctx.Log, "create", outcome);
        return CrudRows.Row("create ConfigMap", outcome, ctx.Options.Workers, "≥ 1,500/s, p99 ≤ 15 ms",
            ResultRow.Judge(ctx.Judged, outcome.PerSecond >= 1_500 && outcome.Latency.P99Ms <= 15));
    }
}
