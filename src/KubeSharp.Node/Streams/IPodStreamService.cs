using System.Text.Json.Nodes;
using System.Threading.Channels;
using KubeSharp.Node.Runtime;

namespace KubeSharp.Node.Streams;

/// <summary>What <c>kubectl logs</c> asks the node for (upstream <c>PodLogOptions</c>).</summary>
public sealed record PodLogOptions
{
    public bool Follow { get; init; }
    public bool Previous { get; init; }
    public long? TailLines { get; init; }
    public long? SinceSeconds { get; init; }
    public DateTimeOffset? SinceTime { get; init; }
    public bool Timestamps { get; init; }
    public long? LimitBytes { get; init; }
}

/// <summary>The standard streams of one exec or attach session; any may be absent.</summary>
public sealed record ContainerStreams(Stream? Stdin, Stream? Stdout, Stream? Stderr, bool Tty, ChannelReader<TerminalSize>? Resize);

/// <summary>
/// The node agent's side of kubectl's streaming commands (the kubelet's <c>/exec</c>, <c>/attach</c>,
/// <c>/containerLogs</c> and <c>/portForward</c> handlers). Pods are passed as the API objects the caller holds.
/// </summary>
public interface IPodStreamService
{
    Task<int> ExecAsync(JsonObject pod, string container, IReadOnlyList<string> command, ContainerStreams streams, CancellationToken ct);

    /// <returns>The main process's exit code once it ended, or null when the client left first.</returns>
    Task<int?> AttachAsync(JsonObject pod, string container, ContainerStreams streams, CancellationToken ct);

    Task WriteLogsAsync(JsonObject pod, string container, PodLogOptions options, Stream output, CancellationToken ct);

    /// <summary>A TCP connection to <paramref name="port"/> on the pod's IP.</summary>
    Task<Stream> ConnectAsync(JsonObject pod, int port, CancellationToken ct);
}
