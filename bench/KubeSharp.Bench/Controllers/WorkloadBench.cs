using KubeSharp.Bench.Http;
using KubeSharp.Bench.Reporting;

namespace KubeSharp.Bench.Controllers;

/// <summary>
/// <c>kubesharp-bench workloads</c>: the workload-controller and scheduler benchmarks against a server with simulated
/// nodes (<c>scripts/bench-workloads.sh</c> starts one). Prints one Markdown table, then the churn phase's
/// per-second series.
/// </summary>
public static class WorkloadBench
{
    public static async Task<int> RunAsync(IReadOnlyList<string> args)
    {
        WorkloadBenchOptions options;
        try
        {
            if (args is ["-h" or "--help"]) { Console.WriteLine(WorkloadBenchOptions.Usage); return 0; }
            options = WorkloadBenchOptions.Parse(args);
        }
        catch (ArgumentException e)
        {
            Console.Error.WriteLine($"kubesharp-bench workloads: {e.Message}\n{WorkloadBenchOptions.Usage}");
            return 2;
        }

        using var stop = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) => { e.Cancel = true; stop.Cancel(); };
        var kubeconfig = Kubeconfig.Load(options.Kubeconfig);
        using var clients = new ApiHttpClientFactory(kubeconfig, options.Server ?? kubeconfig.Server, http11: false);
        using var http = clients.Create();
        // Watches get their own connections, so their traffic does not queue behind the writers' streams.
        using var watchHttp = clients.Create();
        var prefix = $"wl-{Guid.NewGuid():N}"[..11];
        var ctx = new WorkloadContext(new KubeApi(http), new KubeApi(watchHttp), options, prefix, Console.Error);
        ctx.Log.WriteLine($"kubesharp-bench workloads: {clients.Server} over HTTP/2, namespaces {prefix}-*, phases {string.Join(",", options.Phases)}");

        var rows = new List<ResultRow>();
        IReadOnlyList<string> series = [];
        var status = 0;
        try
        {
            if (options.Phases.Contains("deployment")) rows.AddRange(await DeploymentPhase.RunAsync(ctx, stop.Token));
            if (options.Phases.Contains("churn"))
            {
                var churn = await ChurnPhase.RunAsync(ctx, stop.Token);
                rows.Add(churn.Row);
                series = churn.Series;
            }
            if (options.Phases.Contains("scheduler")) rows.Add(await SchedulerPhase.RunAsync(ctx, stop.Token));
        }
        catch (Exception e) when (e is HttpRequestException or InvalidDataException or TimeoutException or OperationCanceledException)
        {
            ctx.Log.WriteLine($"kubesharp-bench workloads: stopped: {e.Message}");
            status = 1;
        }
        var text = MarkdownTable.Render(rows);
        if (series.Count > 0) text += "\nChurn phase, per /metrics scrape (depth at the scrape; adds, mean wait and work, CPU over the interval):\n\n" + string.Join('\n', series) + "\n";
        Console.Write(text);
        if (options.MarkdownPath is { } path) await File.WriteAllTextAsync(path, text);
        return status != 0 ? status : rows.Any(r => r.Verdict == Verdict.Missed) ? 3 : 0;
    }
}
