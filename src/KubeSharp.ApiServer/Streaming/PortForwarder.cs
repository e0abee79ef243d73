using System.Collections.Concurrent;
using System.Text;
using System.Text.Json.Nodes;
using KubeSharp.ApiServer.Streaming.Spdy;

namespace KubeSharp.ApiServer.Streaming;

/// <summary>
/// The port-forward protocol over a SPDY session: for every forwarded connection the client opens an
/// "error" and a "data" stream carrying the same requestID and port; the data stream is joined to a
/// TCP connection into the pod, and a failure is reported on the error stream.
/// </summary>
public sealed class PortForwarder(INodeStreamBackend backend, JsonObject pod)
{
    readonly ConcurrentDictionary<string, TaskCompletionSource<SpdyStream>> _errorStreams = new();

    public async Task RunAsync(Stream transport, CancellationToken ct)
    {
        using var session = new SpdySession(transport);
        await session.RunAsync(stream => HandleAsync(stream, ct), ct);
    }

    TaskCompletionSource<SpdyStream> ErrorSlot(string requestId) =>
        _errorStreams.GetOrAdd(requestId, _ => new TaskCompletionSource<SpdyStream>(TaskCreationOptions.RunContinuationsAsynchronously));

    async Task HandleAsync(SpdyStream stream, CancellationToken ct)
    {
        var type = stream.Header("streamType");
        var requestId = stream.Header("requestID");
        if (type == "error")
        {
            ErrorSlot(requestId).TrySetResult(stream);
            return;
        }
        if (type != "data") return;

        if (!int.TryParse(stream.Header("port"), out var port) || port is < 1 or > 65535)
        {
            await ReportAsync(requestId, $"invalid port \"{stream.Header("port")}\"", ct);
            await stream.CloseAsync(ct);
            return;
        }
        Stream target;
        try
        {
            target = await backend.ConnectAsync(pod, port, ct);
        }
        catch (Exception e) when (e is IOException or System.Net.Sockets.SocketException or InvalidOperationException)
        {
            var name = pod["metadata"]?["name"]?.GetValue<string>();
            await ReportAsync(requestId, $"error forwarding port {port} to pod {name}: {e.Message}", ct);
            await stream.CloseAsync(ct);
            return;
        }
        await using (target)
        {
            var toPod = Task.Run(async () =>
            {
                try { await stream.Input.CopyToAsync(target, ct); }
                finally
                {
                    if (target is System.Net.Sockets.NetworkStream ns) ns.Socket.Shutdown(System.Net.Sockets.SocketShutdown.Send);
                }
            }, ct);
            var buffer = new byte[32 * 1024];
            try
            {
                int n;
                while ((n = await target.ReadAsync(buffer, ct)) > 0)
                    await stream.WriteAsync(buffer.AsMemory(0, n), ct);
            }
            catch (IOException) { }
            await stream.CloseAsync(ct);
            await toPod.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
        if (_errorStreams.TryRemove(requestId, out var slot) && slot.Task.IsCompletedSuccessfully)
            await slot.Task.Result.CloseAsync(ct);
    }

    async Task ReportAsync(string requestId, string message, CancellationToken ct)
    {
        var slot = ErrorSlot(requestId);
        var error = await slot.Task.WaitAsync(TimeSpan.FromSeconds(5), ct);
        await error.WriteAsync(Encoding.UTF8.GetBytes(message), ct);
        await error.CloseAsync(ct);
        _errorStreams.TryRemove(requestId, out _);
    }
}
