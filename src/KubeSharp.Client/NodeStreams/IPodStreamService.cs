using System.Text.Json.Nodes;
using System.Threading.Channels;

namespace KubeSharp.Client.NodeStreams;

/// <summary>A terminal size change sent by an interactive client.</summary>
public readonly record struct TerminalSize(ushort Width, ushort Height);

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
/// <c>/containerLogs</c> and <c>/portForward</c> handlers), as the API server reaches it: the API server speaks
/// the client protocols (WebSocket channels, SPDY), the node agent does the work. Pods are passed as the API
/// objects the caller holds. It lives with the client, as upstream's kubelet client does, so that neither the
/// API server nor the node agent references the other.
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
