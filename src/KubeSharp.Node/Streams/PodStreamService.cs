using System.Net.Sockets;
using System.Text.Json.Nodes;
using KubeSharp.Node.Kubelet;
using KubeSharp.Node.Runtime;
using RuntimeState = KubeSharp.Node.Runtime.ContainerState;
using KubeSharp.Client.NodeStreams;

namespace KubeSharp.Node.Streams;

/// <summary>
/// Serves exec, attach, logs and port-forward for pods on this node straight from the runtime: containers are
/// found by the pod uid and container name labels the agent puts on them.
/// </summary>
public sealed class PodStreamService(IContainerRuntime runtime, TimeProvider time) : IPodStreamService
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
        try
        {
            await runtime.AttachAsync(target.Id, new AttachRequest(streams.Stdin, streams.Stdout, streams.Stderr, streams.Resize), ct);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            return null;
        }
        var final = await runtime.ContainerStatusAsync(target.Id, CancellationToken.None);
        return final?.State == RuntimeState.Exited ? final.ExitCode : null;
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
        // Like CRI runtimes, which dial localhost in the pod's network namespace: for host-network pods that is the node's.
        if (pod["spec"]?["hostNetwork"]?.GetValue<bool>() == true && !string.IsNullOrEmpty(ip)) ip = "127.0.0.1";
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
        // A static pod's mirror stands for it: its containers carry the static pod's uid, which the mirror annotation holds.
        var uid = pod["metadata"]?["annotations"]?[Kubelet.StaticPods.StaticPodFactory.MirrorAnnotation]?.GetValue<string>()
            ?? pod["metadata"]?["uid"]?.GetValue<string>() ?? throw new InvalidOperationException("pod has no uid");
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
