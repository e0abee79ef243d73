using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using KubeSharp.ApiServer.Admission;
using KubeSharp.ApiServer.Endpoints;
using KubeSharp.ApiServer.Hosting;
using KubeSharp.Client.Cache;
using KubeSharp.Node.Simulated;
using Microsoft.Extensions.Logging;

namespace KubeSharp.Cli;

/// <summary>
/// <c>kubesharp bench-scheduler --nodes N --pods M</c> (hidden): an in-process API server in a scratch
/// data dir, N simulated nodes, M pending pods created up front; then the scheduler is started and
/// timed until every pod is bound (and, separately, until the simulated kubelets report all Running).
/// </summary>
public static class BenchSchedulerCommand
{
    public static async Task<int> RunAsync(Flags flags)
    {
        var known = new HashSet<string> { "nodes", "pods", "data-dir", "parallel-filter-threshold", "bind-parallelism" };
        foreach (var name in flags.Names)
            if (!known.Contains(name)) throw new FlagException($"unknown flag --{name}");
        var nodeCount = flags.GetInt("nodes", 1000);
        var podCount = flags.GetInt("pods", 5000);
        var dataDir = flags.Get("data-dir") ?? Directory.CreateTempSubdirectory("kubesharp-bench-").FullName;
        var time = TimeProvider.System;

        using var logs = LoggerFactory.Create(b => b.AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(LogLevel.Warning));
        using var stop = new CancellationTokenSource();
        var ct = stop.Token;
        var options = new ApiServerOptions { DataDir = dataDir, HttpsPort = FreePort(), BindAddress = "127.0.0.1", Time = time };
        await using var host = await ApiServerHost.StartAsync(options, logs, new NoPodStreams(), ct);
        var allocation = host.Registry.Admission.OfType<ServiceAllocation>().First();
        await SystemBootstrap.EnsureAsync(host.Client, allocation.KubernetesServiceIp, "127.0.0.1", options.HttpsPort, ct);
        var api = host.Client;

        await using var informers = new SharedInformerFactory(api, time, null, logs);
        var clock = Stopwatch.StartNew();
        await using var pool = new SimulatedNodePool(api, nodeCount, SimulatedNodePool.DefaultNamePrefix, time, logs, informers);
        await pool.StartAsync(ct);
        Console.WriteLine($"registered {nodeCount} simulated nodes in {clock.Elapsed.TotalSeconds:F1} s");

        clock.Restart();
        await Parallel.ForEachAsync(Enumerable.Range(0, podCount), new ParallelOptions { MaxDegreeOfParallelism = 16, CancellationToken = ct },
            async (i, token) => await api.CreateAsync(Scheduler.Scheduler.PodsResource, "default", Pod($"bench-{i}"), null, null, token));
        Console.WriteLine($"created {podCount} pending pods in {clock.Elapsed.TotalSeconds:F1} s");

        var schedulerOptions = new Scheduler.SchedulerOptions
        {
            ParallelFilterThreshold = flags.GetInt("parallel-filter-threshold", new Scheduler.SchedulerOptions().ParallelFilterThreshold),
            BindParallelism = flags.GetInt("bind-parallelism", new Scheduler.SchedulerOptions().BindParallelism),
        };
        await using var scheduler = new Scheduler.Scheduler(api, informers, time, schedulerOptions, logs);
        informers.Start(ct);
        await informers.WaitForCacheSyncAsync(ct);
        while (scheduler.Cache.NodeCount < nodeCount) await Task.Delay(10, ct);

        // The cycle alone, on the synced cache, without binding: what the plugins cost per pod.
        var sample = Scheduler.Cache.PodInfo.FromJson(Pod("probe"));
        for (var i = 0; i < 2000; i++) scheduler.Cache.Read(nodes => scheduler.Algorithm.Schedule(sample, nodes));
        clock.Restart();
        for (var i = 0; i < 1000; i++) scheduler.Cache.Read(nodes => scheduler.Algorithm.Schedule(sample, nodes));
        Console.WriteLine($"scheduling cycle alone: {clock.Elapsed.TotalMilliseconds:F0} µs per pod");

        clock.Restart();
        var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        var pauseBefore = GC.GetTotalPauseDuration();
        int[] gcBefore = [GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2)];
        var run = Task.Run(() => scheduler.RunAsync(ct), CancellationToken.None);
        var startedBefore = pool.StartedPods;
        while (scheduler.BoundCount < podCount && !run.IsCompleted) await Task.Delay(5, ct);
        var bound = clock.Elapsed;
        var cpu = Process.GetCurrentProcess().TotalProcessorTime - cpuBefore;
        var pause = GC.GetTotalPauseDuration() - pauseBefore;
        var gcs = $"{GC.CollectionCount(0) - gcBefore[0]}/{GC.CollectionCount(1) - gcBefore[1]}/{GC.CollectionCount(2) - gcBefore[2]}";
        while (pool.StartedPods - startedBefore < podCount && clock.Elapsed < bound + TimeSpan.FromMinutes(2)) await Task.Delay(10, ct);
        var running = clock.Elapsed;

        Console.WriteLine($"scheduled {scheduler.BoundCount} pods on {nodeCount} nodes in {bound.TotalSeconds:F2} s: {scheduler.BoundCount / bound.TotalSeconds:F0} pods/s");
        Console.WriteLine($"  process CPU {cpu.TotalSeconds:F2} s ({cpu.TotalMilliseconds * 1000 / podCount:F0} µs per pod over all threads; {Environment.ProcessorCount} cores)");
        Console.WriteLine($"  GC paused {pause.TotalSeconds:F2} s (gen0/1/2 collections {gcs})");
        Console.WriteLine($"  in scheduling cycles {scheduler.CycleTime.TotalSeconds:F2} s, waiting for binding slots {scheduler.WriteWaitTime.TotalSeconds:F2} s");
        Console.WriteLine($"all {pool.StartedPods - startedBefore} pods Running after {running.TotalSeconds:F2} s: {(pool.StartedPods - startedBefore) / running.TotalSeconds:F0} pods/s end to end");
        await stop.CancelAsync();
        await run.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        if (flags.Get("data-dir") is null) TryDelete(dataDir);
        return 0;
    }

    static JsonObject Pod(string name) => new()
    {
        ["apiVersion"] = "v1",
        ["kind"] = "Pod",
        ["metadata"] = new JsonObject { ["name"] = name, ["labels"] = new JsonObject { ["app"] = "bench" } },
        ["spec"] = new JsonObject
        {
            ["containers"] = new JsonArray(new JsonObject
            {
                ["name"] = "app",
                ["image"] = "busybox",
                ["resources"] = new JsonObject { ["requests"] = new JsonObject { ["cpu"] = "100m", ["memory"] = "128Mi" } },
            }),
        },
    };

    static int FreePort()
    {
        using var l = new TcpListener(IPAddress.Loopback, 0);
        l.Start();
        return ((IPEndPoint)l.LocalEndpoint).Port;
    }

    static void TryDelete(string dir)
    {
        try { Directory.Delete(dir, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
