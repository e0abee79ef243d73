using System.Diagnostics;
using System.Runtime.InteropServices;
using KubeSharp.ApiServer.Admission;
using KubeSharp.ApiServer.Endpoints;
using KubeSharp.ApiServer.Hosting;
using KubeSharp.ApiServer.Streaming;
using Microsoft.Extensions.Logging;

namespace KubeSharp.Cli;

/// <summary><c>kubesharp server</c>: the control plane in the foreground until Ctrl-C.</summary>
public static class ServerCommand
{
    public static async Task<int> RunAsync(Flags flags)
    {
        var started = Stopwatch.StartNew();
        var known = new HashSet<string> { "data-dir", "https-listen-port", "bind-address", "write-kubeconfig", "token-auth-file", "service-cidr", "simulated-nodes",
            "node-name", "node-ip", "disable-agent", "cleanup-on-exit", "cluster-cidr" };
        foreach (var name in flags.Names)
            if (!known.Contains(name)) throw new FlagException($"unknown flag --{name}");

        var dataDir = Path.GetFullPath(flags.Get("data-dir") ?? DefaultDataDir());
        var options = new ApiServerOptions
        {
            DataDir = dataDir,
            HttpsPort = flags.GetInt("https-listen-port", 6443),
            BindAddress = flags.Get("bind-address") ?? "0.0.0.0",
            KubeconfigPath = flags.Get("write-kubeconfig") is { } k ? Path.GetFullPath(k) : null,
            TokenAuthFile = flags.Get("token-auth-file"),
            ServiceCidr = flags.Get("service-cidr") ?? "10.43.0.0/16",
            QueueMetrics = new Client.Queue.WorkQueueMetricsRegistry(),
        };

        using var logs = LoggerFactory.Create(b => b
            .AddSimpleConsole(o => { o.SingleLine = true; o.TimestampFormat = "HH:mm:ss.fff "; })
            .SetMinimumLevel(LogLevel.Information)
            .AddFilter("Microsoft", LogLevel.Warning));
        var log = logs.CreateLogger("kubesharp");
        using var stop = new CancellationTokenSource();
        // SIGINT (Ctrl-C) and SIGTERM both stop the server cleanly; registering here keeps the web host from swallowing them.
        using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, c => { c.Cancel = true; stop.Cancel(); });
        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, c => { c.Cancel = true; stop.Cancel(); });

        log.LogInformation("starting kubesharp server, data dir {DataDir}", dataDir);
        // The API server hands pods/log, exec, attach and portforward to the agent running the pod's node.
        Node.Kubelet.NodeAgent? agent = null;
        var podStreams = new PodStreamServer(node => agent is not null && node == agent.NodeName ? agent.Streams : null);
        await using var host = await ApiServerHost.StartAsync(options, logs, podStreams, stop.Token);
        log.LogInformation("API server listening on {Url}", host.ServerUrl);
        var allocation = host.Registry.Admission.OfType<ServiceAllocation>().First();
        await SystemBootstrap.EnsureAsync(host.Client, allocation.KubernetesServiceIp, "127.0.0.1", options.HttpsPort, stop.Token);
        await using var controllers = await ControllerHost.StartAsync(host, logs, stop.Token);
        var simulatedNodes = flags.GetInt("simulated-nodes", 0);
        if (simulatedNodes < 0) throw new FlagException("--simulated-nodes must not be negative");
        await using var scheduler = await SchedulerHost.StartAsync(host.Client, controllers.Informers, options.Time, logs, simulatedNodes, stop.Token);
        try
        {
            agent = await AgentHost.StartAsync(host.Client, dataDir, DefaultDataDir(), flags, options.ServiceCidr, logs, options.Time, stop.Token);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            log.LogError(e, "the node agent failed to start; the server runs without a node");
        }
        await using var agentScope = agent;

        Console.WriteLine($"kubesharp is ready in {started.ElapsedMilliseconds} ms: export KUBECONFIG={host.KubeconfigPath}");
        try { await Task.Delay(Timeout.Infinite, stop.Token); }
        catch (OperationCanceledException) { }
        log.LogInformation("stopping");
        return 0;
    }

    static string DefaultDataDir() =>
        Environment.UserName == "root" ? "/var/lib/kubesharp" : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".kubesharp");
}
