using System.Net.Sockets;
using System.Text.Json.Nodes;
using KubeSharp.Node.Kubelet;
using KubeSharp.Node.Runtime;
using RuntimeState = KubeSharp.Node.Runtime.ContainerState;

namespace KubeSharp.Node.Streams;

/// <summary>
/// Serves exec, attach, logs and port-forward for pods on this node straight from the runtime: containers are
/// found by the pod uid and container name labels the agent puts on them.
/// </summary>
/// <param name="runtimeRoot">The runc runtime's root directory, where a container's <c>stdin.fifo</c> lives (for attach).</param>
public sealed class PodStreamService(IContainerRuntime runtime, TimeProvider time, string? runtimeRoot = null) : IPodStreamService
{
    public async Task<int> ExecAsync(JsonObject pod, string container, IReadOnlyList<string> command, ContainerStreams streams, CancellationToken ct)
    {
        var target = await FindAsync(pod, container, previous: false, ct);
        if (target.State != RuntimeState.Running)
            throw new InvalidOperationException($"container {container} is not running");
        return await runtime.ExecAsync(target.Id, new ExecRequest(command, streams.Tty, streams.Stdin, streams.Stdout, streams.Stderr, streams.Resize), ct);
    }

    public async Task<int?> AttachAsync(JsonObject pod, string container, ContainerStreams streams, CancellationToken ct)
    {
        var target = await FindAsync(pod, container, previous: false, ct);
        var status = await runtime.ContainerStatusAsync(target.Id, ct) ?? throw new InvalidOperationException($"container {container} is gone");
        if (status.State != RuntimeState.Running) return status.ExitCode;
        using var session = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var stdin = streams.Stdin is not null && runtimeRoot is not null
            ? Task.Run(() => FeedStdinAsync(Path.Combine(runtimeRoot, "containers", target.Id, "stdin.fifo"), streams.Stdin, session.Token), CancellationToken.None)
            : Task.CompletedTask;
        // Output comes from the log from now on; with a terminal both streams go to stdout.
        var options = new PodLogOptions { Follow = true, SinceTime = time.GetUtcNow() };
        async Task<bool> Running() => (await runtime.ContainerStatusAsync(target.Id, CancellationToken.None))?.State == RuntimeState.Running;
        var outputs = new List<Task>();
        if (streams.Stdout is { } stdout)
            outputs.Add(new LogWriter(options, stdout, time, streams.Tty ? null : "stdout").WriteAsync(status.LogPath, Running, session.Token));
        if (streams.Stderr is { } stderr && !streams.Tty)
            outputs.Add(new LogWriter(options, stderr, time, "stderr").WriteAsync(status.LogPath, Running, session.Token));
        try
        {
            await Task.WhenAll(outputs);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            return null;
        }
        finally
        {
            await session.CancelAsync();
            await stdin.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
        var final = await runtime.ContainerStatusAsync(target.Id, CancellationToken.None);
        return final?.State == RuntimeState.Exited ? final.ExitCode : null;
    }

    static async Task FeedStdinAsync(string fifo, Stream input, CancellationToken ct)
    {
        if (!File.Exists(fifo)) return;
        // The container holds its end open read-write, so opening for writing never blocks.
        await using var pipe = new FileStream(fifo, FileMode.Open, FileAccess.Write, FileShare.ReadWrite, 1, useAsync: false);
        var buffer = new byte[4096];
        try
        {
            int n;
            while ((n = await input.ReadAsync(buffer, ct)) > 0)
            {
                pipe.Write(buffer, 0, n);
                pipe.Flush();
            }
        }
        catch (Exception e) when (e is IOException or OperationCanceledException or ObjectDisposedException) { }
    }

    public async Task WriteLogsAsync(JsonObject pod, string container, PodLogOptions options, Stream output, CancellationToken ct)
    {
        var target = await FindAsync(pod, container, options.Previous, ct);
        var status = await runtime.ContainerStatusAsync(target.Id, ct) ?? throw new InvalidOperationException($"container {container} is gone");
        async Task<bool> Running() => (await runtime.ContainerStatusAsync(target.Id, CancellationToken.None))?.State == RuntimeState.Running;
        var writer = new LogWriter(options with { Follow = options.Follow && !options.Previous }, output, time);
        await writer.WriteAsync(status.LogPath, Running, ct);
    }

    public async Task<Stream> ConnectAsync(JsonObject pod, int port, CancellationToken ct)
    {
        var ip = pod["status"]?["podIP"]?.GetValue<string>();
        if (string.IsNullOrEmpty(ip)) throw new InvalidOperationException($"pod {pod["metadata"]?["name"]} has no IP address yet");
        var client = new TcpClient { NoDelay = true };
        try
        {
            await client.ConnectAsync(ip, port, ct);
        }
        catch (SocketException e)
        {
            client.Dispose();
            throw new IOException($"error forwarding port {port} to pod {pod["metadata"]?["name"]}: failed to connect to {ip}:{port}: {e.Message}", e);
        }
        return new OwningNetworkStream(client);
    }

    /// <summary>The latest attempt of the container (or the one before, for <c>--previous</c>).</summary>
    async Task<ContainerInfo> FindAsync(JsonObject pod, string container, bool previous, CancellationToken ct)
    {
        var uid = pod["metadata"]?["uid"]?.GetValue<string>() ?? throw new InvalidOperationException("pod has no uid");
        var name = pod["metadata"]?["name"]?.GetValue<string>();
        var attempts = (await runtime.ListContainersAsync(new ContainerFilter(LabelSelector: new Dictionary<string, string>
        {
            [KubeletLabels.PodUid] = uid,
            [KubeletLabels.ContainerName] = container,
        }), ct)).OrderByDescending(c => c.Attempt).ToList();
        if (previous)
        {
            return attempts.Count > 1
                ? attempts[1]
                : throw new InvalidOperationException($"previous terminated container \"{container}\" in pod \"{name}\" not found");
        }
        return attempts.Count > 0
            ? attempts[0]
            : throw new InvalidOperationException($"container \"{container}\" in pod \"{name}\" is waiting to start: ContainerCreating");
    }

    sealed class OwningNetworkStream(TcpClient client) : NetworkStream(client.Client, ownsSocket: true)
    {
        protected override void Dispose(bool disposing)
        {
            base.Dispose(disposing);
            if (disposing) client.Dispose();
        }
    }
}
