using System.Globalization;
using System.Text.Json.Nodes;
using KubeSharp.Api.Errors;
using KubeSharp.Api.Resources;
using KubeSharp.ApiServer.Endpoints;
using KubeSharp.ApiServer.Registry;
using Microsoft.AspNetCore.Http;
using KubeSharp.Client.NodeStreams;

namespace KubeSharp.ApiServer.Streaming;

/// <summary>
/// Serves pods/log, exec, attach and portforward to kubectl in the protocols it speaks, and hands the
/// work to the node agent that runs the pod (found by node name).
/// </summary>
public sealed class PodStreamServer(Func<string, IPodStreamService?> backendForNode) : IPodStreams
{
    public async Task ServeAsync(HttpContext http, string subresource, JsonObject pod, UserInfo user)
    {
        var name = JsonMeta.Name(pod) ?? "";
        var node = JsonMeta.Str(pod["spec"]?["nodeName"]);
        if (string.IsNullOrEmpty(node)) throw StatusError.BadRequest($"pod {name} does not have a host assigned");
        var backend = backendForNode(node) ?? throw new StatusError(503, "ServiceUnavailable", $"no node agent serves node \"{node}\" for pods/{subresource}");
        var ct = http.RequestAborted;
        switch (subresource)
        {
            case "log":
                await ServeLogAsync(http, pod, backend, ct);
                return;
            case "exec" or "attach":
                await ServeExecAsync(http, subresource, pod, backend, ct);
                return;
            case "portforward":
                await ServePortForwardAsync(http, pod, backend, ct);
                return;
            default:
                throw StatusError.MethodNotAllowed($"pods/{subresource} is not supported");
        }
    }

    static string ContainerOf(HttpRequest r, JsonObject pod, bool includeInit)
    {
        var name = JsonMeta.Name(pod);
        var requested = QueryParams.Str(r, "container");
        var containers = Names(pod["spec"]?["containers"]);
        var all = includeInit ? containers.Concat(Names(pod["spec"]?["initContainers"])).Concat(Names(pod["spec"]?["ephemeralContainers"])).ToList() : containers;
        if (string.IsNullOrEmpty(requested))
        {
            if (containers.Count == 1) return containers[0];
            var defaulted = JsonMeta.Str(pod["metadata"]?["annotations"]?["kubectl.kubernetes.io/default-container"]);
            if (defaulted is not null && containers.Contains(defaulted)) return defaulted;
            throw StatusError.BadRequest($"a container name must be specified for pod {name}, choose one of: [{string.Join(" ", containers)}]");
        }
        if (!all.Contains(requested))
            throw StatusError.BadRequest($"container {requested} is not valid for pod {name}");
        return requested;
    }

    static List<string> Names(JsonNode? list) =>
        list is JsonArray a ? a.Select(c => JsonMeta.Str(c?["name"]) ?? "").Where(n => n.Length > 0).ToList() : [];

    static async Task ServeLogAsync(HttpContext http, JsonObject pod, IPodStreamService backend, CancellationToken ct)
    {
        var r = http.Request;
        var container = ContainerOf(r, pod, includeInit: true);
        DateTimeOffset? sinceTime = null;
        if (QueryParams.Str(r, "sinceTime") is { Length: > 0 } st)
            sinceTime = DateTimeOffset.TryParse(st, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var t) ? t : throw StatusError.BadRequest($"invalid sinceTime \"{st}\"");
        var options = new PodLogOptions
        {
            Follow = QueryParams.Bool(r, "follow"),
            Previous = QueryParams.Bool(r, "previous"),
            TailLines = QueryParams.Long(r, "tailLines"),
            SinceSeconds = QueryParams.Long(r, "sinceSeconds"),
            SinceTime = sinceTime,
            Timestamps = QueryParams.Bool(r, "timestamps"),
            LimitBytes = QueryParams.Long(r, "limitBytes"),
        };
        if (options.TailLines < 0) throw StatusError.BadRequest("tailLines: Invalid value: must be greater than or equal to 0");
        http.Response.StatusCode = 200;
        http.Response.ContentType = "text/plain";
        await http.Response.StartAsync(ct);
        try
        {
            await backend.WriteLogsAsync(pod, container, options, http.Response.Body, ct);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested) { }
    }

    static async Task ServeExecAsync(HttpContext http, string subresource, JsonObject pod, IPodStreamService backend, CancellationToken ct)
    {
        var r = http.Request;
        var phase = JsonMeta.Str(pod["status"]?["phase"]);
        if (phase is "Succeeded" or "Failed")
            throw StatusError.BadRequest($"cannot {subresource} into a container in a completed pod; current phase is {phase}");
        var container = ContainerOf(r, pod, includeInit: subresource == "attach");
        var command = r.Query["command"].Where(c => c is not null).Select(c => c!).ToList();
        if (subresource == "exec" && command.Count == 0) throw StatusError.BadRequest("you must specify at least 1 command");
        if (!http.WebSockets.IsWebSocketRequest)
            throw StatusError.BadRequest($"pods/{subresource} is served over WebSocket ({string.Join(", ", ChannelWebSocket.Protocols)}); SPDY is not supported");
        var protocol = http.WebSockets.WebSocketRequestedProtocols.FirstOrDefault(p => ChannelWebSocket.Protocols.Contains(p))
            ?? throw StatusError.BadRequest("no supported WebSocket subprotocol was requested (want v5.channel.k8s.io)");

        using var socket = await http.WebSockets.AcceptWebSocketAsync(protocol);
        var channels = new ChannelWebSocket(socket);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var receive = Task.Run(() => channels.ReceiveLoopAsync(stop.Token), CancellationToken.None);
        var tty = QueryParams.Bool(r, "tty");
        var session = new ContainerStreams(
            QueryParams.Bool(r, "stdin") ? channels.StdinStream : null,
            QueryParams.Bool(r, "stdout") || !r.Query.ContainsKey("stdout") ? channels.OutputStream(stderr: false) : null,
            QueryParams.Bool(r, "stderr") && !tty ? channels.OutputStream(stderr: true) : null,
            tty,
            tty ? channels.ResizeEvents : null);
        int? exit = null;
        string? failure = null;
        try
        {
            if (subresource == "exec")
                exit = await backend.ExecAsync(pod, container, command, session, stop.Token);
            else
                // Success whatever the exit code, as the kubelet answers: a failure would make `kubectl run -i`
                // fall back to printing the logs; it reads the exit code from the pod's status instead.
                await backend.AttachAsync(pod, container, session, stop.Token);
        }
        catch (StatusError e) { failure = e.Message; }
        catch (OperationCanceledException) when (ct.IsCancellationRequested) { return; }
        catch (Exception e) when (e is IOException or InvalidOperationException) { failure = e.Message; }
        await channels.FinishAsync(exit, failure, ct);
        // Let the client read the status and answer our close first: returning now would reset the connection,
        // and a reset makes the client's kernel drop what it has not read yet (the exit status among it).
        await receive.WaitAsync(TimeSpan.FromSeconds(5), ct).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        await stop.CancelAsync();
        await receive.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
    }

    static async Task ServePortForwardAsync(HttpContext http, JsonObject pod, IPodStreamService backend, CancellationToken ct)
    {
        var phase = JsonMeta.Str(pod["status"]?["phase"]);
        if (phase != "Running")
            throw StatusError.BadRequest($"pod {JsonMeta.Name(pod)} is not running and cannot be port-forwarded (phase {phase})");
        await PortForwardUpgrade.ServeAsync(http, new PortForwarder((port, c) => backend.ConnectAsync(pod, port, c), pod), ct);
    }
}
