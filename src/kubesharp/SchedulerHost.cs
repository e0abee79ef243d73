using KubeSharp.Client;
using KubeSharp.Client.Cache;
using KubeSharp.Node.Simulated;
using Microsoft.Extensions.Logging;

namespace KubeSharp.Cli;

/// <summary>Runs kube-scheduler in-process, sharing the controllers' informers, and the simulated nodes when asked for.</summary>
public sealed class SchedulerHost : IAsyncDisposable
{
    readonly CancellationTokenSource _stop;
    readonly Scheduler.Scheduler _scheduler;
    readonly Task _running;

    SchedulerHost(Scheduler.Scheduler scheduler, CancellationTokenSource stop, Task running, SimulatedNodePool? nodes)
    {
        _scheduler = scheduler;
        _stop = stop;
        _running = running;
        SimulatedNodes = nodes;
    }

    public SimulatedNodePool? SimulatedNodes { get; }

    /// <summary>Starts the scheduler; with <paramref name="simulatedNodes"/> &gt; 0 also registers that many simulated nodes (kwok-node-0 …).</summary>
    public static async Task<SchedulerHost> StartAsync(IApiClient api, SharedInformerFactory informers, TimeProvider time, ILoggerFactory logs, int simulatedNodes, CancellationToken ct)
    {
        var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var scheduler = new Scheduler.Scheduler(api, informers, time, new Scheduler.SchedulerOptions(), logs);
        var running = Task.Run(() => scheduler.RunAsync(stop.Token), CancellationToken.None);
        SimulatedNodePool? pool = null;
        if (simulatedNodes > 0)
        {
            pool = new SimulatedNodePool(api, simulatedNodes, SimulatedNodePool.DefaultNamePrefix, time, logs, informers);
            await pool.StartAsync(stop.Token);
        }
        return new SchedulerHost(scheduler, stop, running, pool);
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _running.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        if (SimulatedNodes is not null) await SimulatedNodes.DisposeAsync();
        await _scheduler.DisposeAsync();
        _stop.Dispose();
    }
}
