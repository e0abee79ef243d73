using KubeSharp.Bench.Http;

namespace KubeSharp.Bench.Pods;

/// <summary><c>kubesharp-bench pods</c>: pod start-up latency against a server with a node agent.</summary>
public static class PodBench
{
    /// <returns>0 when every judged target was met, 3 when one was missed, 1 when the run failed, 2 on bad arguments.</returns>
    public static async Task<int> RunAsync(IReadOnlyList<string> args)
    {
        PodBenchOptions options;
        try
        {
            if (args is ["-h" or "--help"]) { Console.WriteLine(PodBenchOptions.Usage); return 0; }
            options = PodBenchOptions.Parse(args);
        }
        catch (ArgumentException e)
        {
            Console.Error.WriteLine($"kubesharp-bench pods: {e.Message}\n{PodBenchOptions.Usage}");
            return 2;
        }

        using var stop = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) => { e.Cancel = true; stop.Cancel(); };
        var log = Console.Error;
        var kubeconfig = Kubeconfig.Load(options.Kubeconfig);
        using var clients = new ApiHttpClientFactory(kubeconfig, options.Server ?? kubeconfig.Server, http11: false);
        using var http = clients.Create();
        var api = new PodApi(http);
        var ns = $"podbench-{Guid.NewGuid():N}"[..17];
        log.WriteLine($"kubesharp-bench pods: {clients.Server}, namespace {ns}, {options.Count} pods at {options.Rate}/s, burst {options.Burst}, image {options.Image}");
        var workload = new PodStartupWorkload(api, options, ns, log);
        PodPhase? steady, burst;
        try
        {
            (steady, burst) = await workload.RunAsync(stop.Token);
        }
        catch (Exception e) when (e is HttpRequestException or InvalidDataException or TimeoutException or OperationCanceledException)
        {
            log.WriteLine($"kubesharp-bench pods: stopped: {e.Message}");
            await TryTearDownAsync(workload, log);
            return 1;
        }
        await TryTearDownAsync(workload, log);

        var trace = options.TraceLog is { } path ? AgentTrace.Read(path) : new Dictionary<string, IReadOnlyList<(string, double)>>();
        var report = PodReport.Render(options, steady, burst, trace, ns);
        Console.Write(report);
        if (options.MarkdownPath is { } markdown) await File.WriteAllTextAsync(markdown, report);
        var complete = steady?.AllRunning != false && burst?.AllRunning != false;
        return !complete ? 1 : report.Contains("**missed**", StringComparison.Ordinal) ? 3 : 0;
    }

    static async Task TryTearDownAsync(PodStartupWorkload workload, TextWriter log)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        try
        {
            await workload.TearDownAsync(timeout.Token);
            log.WriteLine("  clean-up: every bench pod deleted, namespace deleted");
        }
        catch (Exception e) when (e is HttpRequestException or InvalidDataException or TimeoutException or OperationCanceledException)
        {
            log.WriteLine($"  clean-up failed: {e.Message}");
        }
    }
}
