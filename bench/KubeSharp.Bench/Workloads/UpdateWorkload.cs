using KubeSharp.Bench.Http;
using KubeSharp.Bench.Measurement;
using KubeSharp.Bench.Reporting;

namespace KubeSharp.Bench.Workloads;

/// <summary>
/// PUTs carrying the resourceVersion last read from the server (optimistic concurrency, like a controller).
/// Each update goes to a different ConfigMap, so a 409 Conflict here is a server error, not contention.
/// </summary>
public static class UpdateWorkload
{
    static readonly string ChangedPayload = new('y', ConfigMapBodies.Payload.Length);

    public static async Task<ResultRow> RunAsync(BenchContext ctx, CancellationToken ct)
    {
        var order = Enumerable.Range(0, ctx.Scale.ConfigMaps).ToArray();
        new Random(23).Shuffle(order);
        var count = Math.Min(ctx.Scale.Updates, order.Length);
        var outcome = await ClosedLoopRunner.RunAsync(count, ctx.Options.Workers, (i, token) =>
        {
            var index = order[i];
            var (ns, name) = ctx.ConfigMap(index);
            var resourceVersion = ctx.ResourceVersions[index] ?? throw new InvalidDataException($"{ns}/{name} was not created");
            return ctx.Api.ReplaceAsync(ns, name, ConfigMapBodies.ConfigMap(ns, name, ChangedPayload, resourceVersion), token);
        }, ct, (i, response) => ctx.ResourceVersions[order[i]] = ResponseFields.ResourceVersion(response.Body));
        CrudRows.Log(ctx.Log, "update", outcome);
        return CrudRows.Row("update ConfigMap (PUT with resourceVersion)", outcome, ctx.Options.Workers, "— (no target)",
            ResultRow.Judge(false, true));
    }
}
