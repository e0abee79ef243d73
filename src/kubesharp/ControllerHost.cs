using KubeSharp.ApiServer.Hosting;
using KubeSharp.Controllers;
using Microsoft.Extensions.Logging;

namespace KubeSharp.Cli;

/// <summary>Runs the controllers in-process against the loopback client, as k3s runs its controller manager.</summary>
public static class ControllerHost
{
    public static Task<ControllerManager> StartAsync(ApiServerHost server, ILoggerFactory logs, CancellationToken ct) =>
        ControllerManager.StartAsync(server.Client, server.Registry.Resources, logs, server.Options.Time, ct, server.Options.QueueMetrics);
}
