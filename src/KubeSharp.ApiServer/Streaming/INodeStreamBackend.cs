using System.Text.Json.Nodes;
using System.Threading.Channels;

namespace KubeSharp.ApiServer.Streaming;

/// <summary>A terminal size change sent by an interactive client.</summary>
public readonly record struct TerminalSize(ushort Width, ushort Height);

/// <summary>What <c>kubectl logs</c> asks for.</summary>
public sealed record LogOptions
{
    public bool Follow { get; init; }
    public bool Previous { get; init; }
    public long? TailLines { get; init; }
    public long? SinceSeconds { get; init; }
    public DateTimeOffset? SinceTime { get; init; }
    public bool Timestamps { get; init; }
    public long? LimitBytes { get; init; }
}

/// <summary>The standard streams of one exec or attach session.</summary>
public sealed record StreamSession(Stream? Stdin, Stream? Stdout, Stream? Stderr, bool Tty, ChannelReader<TerminalSize>? Resize);

/// <summary>
/// What the node agent running a pod offers the API server for kubectl's streaming commands. The API
/// server speaks the client protocols (WebSocket channels, SPDY); the node agent does the work.
/// </summary>
public interface INodeStreamBackend
{
    /// <summary>Runs a command in a container; returns its exit code.</summary>
    Task<int> ExecAsync(JsonObject pod, string container, IReadOnlyList<string> command, StreamSession session, CancellationToken ct);

    /// <summary>Attaches to a running container's main process until it exits or the client leaves; returns its exit code when known.</summary>
    Task<int?> AttachAsync(JsonObject pod, string container, StreamSession session, CancellationToken ct);

    /// <summary>Writes a container's log to <paramref name="output"/>, following it if asked.</summary>
    Task WriteLogsAsync(JsonObject pod, string container, LogOptions options, Stream output, CancellationToken ct);

    /// <summary>Opens a TCP connection to a port inside the pod's network namespace.</summary>
    Task<Stream> ConnectAsync(JsonObject pod, int port, CancellationToken ct);
}
