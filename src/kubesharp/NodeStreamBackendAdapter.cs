using System.Text.Json.Nodes;
using System.Threading.Channels;
using KubeSharp.ApiServer.Streaming;
using KubeSharp.Node.Streams;
using NodeTerminalSize = KubeSharp.Node.Runtime.TerminalSize;

namespace KubeSharp.Cli;

/// <summary>Bridges the API server's streaming contract to the node agent's, so neither project references the other.</summary>
public sealed class NodeStreamBackendAdapter(IPodStreamService node) : INodeStreamBackend
{
    public Task<int> ExecAsync(JsonObject pod, string container, IReadOnlyList<string> command, StreamSession session, CancellationToken ct) =>
        WithStreamsAsync(session, streams => node.ExecAsync(pod, container, command, streams, ct), ct);

    public Task<int?> AttachAsync(JsonObject pod, string container, StreamSession session, CancellationToken ct) =>
        WithStreamsAsync(session, streams => node.AttachAsync(pod, container, streams, ct), ct);

    public Task WriteLogsAsync(JsonObject pod, string container, LogOptions options, Stream output, CancellationToken ct) =>
        node.WriteLogsAsync(pod, container, new PodLogOptions
        {
            Follow = options.Follow,
            Previous = options.Previous,
            TailLines = options.TailLines,
            SinceSeconds = options.SinceSeconds,
            SinceTime = options.SinceTime,
            Timestamps = options.Timestamps,
            LimitBytes = options.LimitBytes,
        }, output, ct);

    public Task<Stream> ConnectAsync(JsonObject pod, int port, CancellationToken ct) => node.ConnectAsync(pod, port, ct);

    static async Task<T> WithStreamsAsync<T>(StreamSession session, Func<ContainerStreams, Task<T>> run, CancellationToken ct)
    {
        Channel<NodeTerminalSize>? resize = null;
        Task pump = Task.CompletedTask;
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        if (session.Resize is { } source)
        {
            resize = Channel.CreateUnbounded<NodeTerminalSize>();
            // The first size usually arrives with the session; forward it before the process starts so its terminal starts right.
            while (source.TryRead(out var first)) resize.Writer.TryWrite(new NodeTerminalSize(first.Width, first.Height));
            pump = Task.Run(async () =>
            {
                try
                {
                    await foreach (var size in source.ReadAllAsync(stop.Token))
                        resize.Writer.TryWrite(new NodeTerminalSize(size.Width, size.Height));
                }
                catch (OperationCanceledException) { }
                finally { resize.Writer.TryComplete(); }
            }, CancellationToken.None);
        }
        try
        {
            return await run(new ContainerStreams(session.Stdin, session.Stdout, session.Stderr, session.Tty, resize?.Reader));
        }
        finally
        {
            await stop.CancelAsync();
            await pump;
        }
    }
}
