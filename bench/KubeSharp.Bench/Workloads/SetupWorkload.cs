using KubeSharp.Bench.Http;

namespace KubeSharp.Bench.Workloads;

/// <summary>
/// Namespaces of the run, then an untimed warm-up (a few creates, GETs and lists in the watch namespace)
/// so that connection set-up and first-call JIT on either side do not land in the first timed requests.
/// </summary>
public static class SetupWorkload
{
    public static async Task RunAsync(BenchContext ctx, CancellationToken ct)
    {
        foreach (var ns in ctx.AllNamespaces)
        {
            var created = await ctx.Api.CreateNamespaceAsync(ns, ct);
            if (!created.IsSuccess) throw new InvalidDataException($"create namespace {ns}: HTTP {created.Status}: {ResponseFields.Excerpt(created.Body)}");
        }
        var warmUps = Math.Max(10, ctx.Scale.ConfigMaps / 100);
        var ns0 = ctx.WatchNamespace;
        await Parallel.ForAsync(0, warmUps, new ParallelOptions { MaxDegreeOfParallelism = ctx.Options.Workers, CancellationToken = ct }, async (i, token) =>
        {
            var name = $"warm-up-{i:D4}";
            var created = await ctx.Api.CreateAsync(ns0, ConfigMapBodies.ConfigMap(ns0, name, ConfigMapBodies.Payload), token);
            if (!created.IsSuccess) throw new InvalidDataException($"warm-up create: HTTP {created.Status}: {ResponseFields.Excerpt(created.Body)}");
            var read = await ctx.Api.GetAsync(ns0, name, token);
            var put = await ctx.Api.ReplaceAsync(ns0, name, ConfigMapBodies.ConfigMap(ns0, name, ConfigMapBodies.Payload, ResponseFields.ResourceVersion(read.Body)), token);
            if (!put.IsSuccess) throw new InvalidDataException($"warm-up update: HTTP {put.Status}: {ResponseFields.Excerpt(put.Body)}");
        });
        for (var i = 0; i < 5; i++) await ctx.Api.ListAsync(ns0, ct);
        ctx.Log.WriteLine($"  set-up: {ctx.AllNamespaces.Count()} namespaces, {warmUps} warm-up ConfigMaps in {ns0}");
    }

    public static async Task CleanupAsync(BenchContext ctx, CancellationToken ct)
    {
        foreach (var ns in ctx.AllNamespaces) await ctx.Api.DeleteNamespaceAsync(ns, ct);
        ctx.Log.WriteLine($"  clean-up: deleted namespaces {string.Join(", ", ctx.AllNamespaces)}");
    }
}
