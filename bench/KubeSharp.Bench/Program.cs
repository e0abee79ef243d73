using KubeSharp.Bench;
using KubeSharp.Bench.Http;
using KubeSharp.Bench.Reporting;
using KubeSharp.Bench.Workloads;

// `kubesharp-bench pods …` measures pod start-up on a server with a node agent; everything else is the API bench.
if (args is ["pods", ..]) return await KubeSharp.Bench.Pods.PodBench.RunAsync(args[1..]);
// `kubesharp-bench workloads …` measures the workload controllers and the scheduler on simulated nodes.
if (args is ["workloads", ..]) return await KubeSharp.Bench.Controllers.WorkloadBench.RunAsync(args[1..]);

BenchOptions options;
try
{
    if (args is ["-h" or "--help"]) { Console.WriteLine(BenchOptions.Usage); return 0; }
    options = BenchOptions.Parse(args);
}
catch (ArgumentException e)
{
    Console.Error.WriteLine($"kubesharp-bench: {e.Message}\n{BenchOptions.Usage}");
    return 2;
}

using var stop = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) => { e.Cancel = true; stop.Cancel(); };
var log = Console.Error;
var kubeconfig = Kubeconfig.Load(options.Kubeconfig);
using var clients = new ApiHttpClientFactory(kubeconfig, options.Server ?? kubeconfig.Server, options.Http11);
using var http = clients.Create();
// A fresh prefix per run: reruns against a long-lived server never collide with earlier objects.
var prefix = $"bench-{Guid.NewGuid():N}"[..14];
var ctx = new BenchContext(clients, new ConfigMapApi(http), options, prefix, log);
log.WriteLine($"kubesharp-bench: {clients.Server} over HTTP/{(options.Http11 ? "1.1" : "2")}, scale {options.Scale.Name}, {options.Workers} workers, namespaces {prefix}-*");

var rows = new List<ResultRow>();
try
{
    await SetupWorkload.RunAsync(ctx, stop.Token);
    rows.Add(await CreateWorkload.RunAsync(ctx, stop.Token));
    rows.Add(await GetWorkload.RunAsync(ctx, stop.Token));
    rows.Add(await UpdateWorkload.RunAsync(ctx, stop.Token));
    rows.Add(await ListWorkload.OneNamespaceAsync(ctx, stop.Token));
    rows.Add(await ListWorkload.AllNamespacesAsync(ctx, stop.Token));
    rows.Add(await WatchWorkload.RunAsync(ctx, stop.Token));
    if (options.Cleanup) await SetupWorkload.CleanupAsync(ctx, stop.Token);
}
catch (Exception e) when (e is HttpRequestException or InvalidDataException or OperationCanceledException)
{
    log.WriteLine($"kubesharp-bench: stopped: {e.Message}");
    Print(rows, options);
    return 1;
}
Print(rows, options);
return rows.Any(r => r.Verdict == Verdict.Missed) ? 3 : 0;

static void Print(IReadOnlyList<ResultRow> rows, BenchOptions options)
{
    var table = MarkdownTable.Render(rows);
    Console.Write(table);
    if (options.MarkdownPath is { } path) File.WriteAllText(path, table);
}
