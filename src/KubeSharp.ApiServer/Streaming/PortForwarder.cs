using System.Collections.Concurrent;
using System.Net.Sockets;
using System.Text;
using System.Text.Json.Nodes;
using KubeSharp.ApiServer.Streaming.Spdy;
using KubeSharp.Client.NodeStreams;

namespace KubeSharp.ApiServer.Streaming;

/// <summary>
/// The port-forward protocol over a SPDY session (as the kubelet serves it): for every forwarded connection
/// the client opens an "error" and a "data" stream carrying the same requestID and port; the data stream is
/// joined to a TCP connection into the pod, and a failure is written as text on the error stream.
/// </summary>
public sealed class PortForwarder(PortForwarder.Dialer dial, JsonObject pod)
{
    /// <summary>Opens a TCP connection to a port of the pod (the node agent's <see cref="IPodStreamService.ConnectAsync"/>).</summary>
    public delegate Task<Stream> Dialer(int port, CancellationToken ct);

    // How long a data stream waits for its error stream; the client opens the error stream first.
    static readonly TimeSpan ErrorStreamWait = TimeSpan.FromSeconds(30);

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
        var requestId = stream.Header("requestID");
        switch (stream.Header("streamType"))
        {
            case "error":
                ErrorSlot(requestId).TrySetResult(stream);
                return;
            case "data":
                await ForwardAsync(stream, requestId, ct);
                return;
            default:
                await stream.ResetAsync(SpdyStatus.Cancel, ct);
                return;
        }
    }

    async Task ForwardAsync(SpdyStream data, string requestId, CancellationToken ct)
    {
        try
        {
            var portHeader = data.Header("port");
            if (!int.TryParse(portHeader, out var port) || port is < 1 or > 65535)
            {
                await FailAsync(data, requestId, $"invalid port \"{portHeader}\"", ct);
                return;
            }
            Stream target;
            try
            {
                target = await dial(port, ct);
            }
            catch (Exception e) when (e is IOException or SocketException or InvalidOperationException)
            {
                await FailAsync(data, requestId, ForwardError(port, e), ct);
                return;
            }
            await using (target) await PumpAsync(data, target, ct);
            await CloseErrorStreamAsync(requestId, ct);
        }
        catch (Exception e) when (e is IOException or OperationCanceledException or TimeoutException)
        {
            // The session is gone or the client gave up on this connection; nothing is left to tell it.
        }
        finally
        {
            _errorStreams.TryRemove(requestId, out _);
        }
    }

    /// <summary>
    /// Copies both ways until the pod's side ends, then, as containerd does, gives the client's side a moment
    /// to finish. The client's end of input half-closes the pod connection.
    /// </summary>
    static async Task PumpAsync(SpdyStream data, Stream target, CancellationToken ct)
    {
        var toPod = Task.Run(() => CopyToPodAsync(data, target, ct), CancellationToken.None);
        var buffer = new byte[32 * 1024];
        try
        {
            int n;
            while ((n = await target.ReadAsync(buffer, ct)) > 0)
                await data.WriteAsync(buffer.AsMemory(0, n), ct);
        }
        catch (IOException) { }
        await data.CloseAsync(ct);
        await toPod.WaitAsync(ClientFinishGrace, ct).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
    }

    static readonly TimeSpan ClientFinishGrace = TimeSpan.FromSeconds(1);

    static async Task CopyToPodAsync(SpdyStream data, Stream target, CancellationToken ct)
    {
        try
        {
            await data.Input.CopyToAsync(target, ct);
            if (target is NetworkStream ns) ns.Socket.Shutdown(SocketShutdown.Send);
        }
        catch (Exception e) when (e is IOException or SocketException or ObjectDisposedException or OperationCanceledException) { }
        // Once the pod connection is gone, keep reading (and dropping) until the client ends the stream:
        // unread input would stall the whole session behind it.
        try { await data.Input.CopyToAsync(Stream.Null, ct); }
        catch (Exception e) when (e is IOException or OperationCanceledException) { }
    }

    /// <summary>The kubelet's wording; the node agent may already have said which port and pod.</summary>
    string ForwardError(int port, Exception e)
    {
        if (e.Message.StartsWith("error forwarding port", StringComparison.Ordinal)) return e.Message;
        var name = pod["metadata"]?["name"]?.GetValue<string>();
        var uid = pod["metadata"]?["uid"]?.GetValue<string>();
        return $"error forwarding port {port} to pod {name}, uid {uid}: {e.Message}";
    }

    async Task FailAsync(SpdyStream data, string requestId, string message, CancellationToken ct)
    {
        var error = await ErrorSlot(requestId).Task.WaitAsync(ErrorStreamWait, ct);
        await error.WriteAsync(Encoding.UTF8.GetBytes(message), ct);
        await error.CloseAsync(ct);
        await data.CloseAsync(ct);
    }

    async Task CloseErrorStreamAsync(string requestId, CancellationToken ct) =>
        await (await ErrorSlot(requestId).Task.WaitAsync(ErrorStreamWait, ct)).CloseAsync(ct);
}
