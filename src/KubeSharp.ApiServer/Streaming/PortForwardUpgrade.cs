using System.Text.Json.Nodes;
using KubeSharp.Api.Errors;
using KubeSharp.ApiServer.Streaming.Spdy;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace KubeSharp.ApiServer.Streaming;

/// <summary>
/// Turns a pods/portforward request into a SPDY/3.1 session, in either of the two ways kubectl asks:
/// a WebSocket whose binary messages tunnel the SPDY bytes (kubectl ≥ 1.31, tried first), or the
/// plain <c>Upgrade: SPDY/3.1</c> that older clients use and newer ones fall back to.
/// </summary>
public static class PortForwardUpgrade
{
    /// <summary>The WebSocket subprotocol: upstream's tunnelling prefix plus the port-forward protocol name.</summary>
    public const string TunnelProtocol = "SPDY/3.1+" + StreamProtocol;

    /// <summary>The port-forward protocol negotiated in <c>X-Stream-Protocol-Version</c> on the SPDY upgrade.</summary>
    public const string StreamProtocol = "portforward.k8s.io";

    // Server pings keep idle forwards alive through proxies; the client pings the SPDY session as well.
    static readonly TimeSpan KeepAlive = TimeSpan.FromSeconds(20);

    public static async Task ServeAsync(HttpContext http, PortForwarder forwarder, CancellationToken ct)
    {
        if (http.WebSockets.IsWebSocketRequest)
        {
            if (!http.WebSockets.WebSocketRequestedProtocols.Contains(TunnelProtocol))
                throw StatusError.BadRequest($"port-forward over WebSocket needs the {TunnelProtocol} subprotocol");
            using var socket = await TunnelWebSocketHandshake.AcceptAsync(http, TunnelProtocol, KeepAlive);
            await using var tunnel = new WebSocketTunnelStream(socket);
            await forwarder.RunAsync(tunnel, ct);
            await tunnel.CloseAsync(ct);
            return;
        }
        var upgrade = http.Features.Get<IHttpUpgradeFeature>();
        if (upgrade is null || !upgrade.IsUpgradableRequest || !http.Request.Headers.Upgrade.ToString().Contains("SPDY/3.1", StringComparison.OrdinalIgnoreCase))
            throw StatusError.BadRequest("port-forward needs a WebSocket or SPDY/3.1 upgrade");
        // As upstream's httpstream handshake: a client naming no protocol is a legacy one and gets the only one
        // there is; a client naming others is refused with the list we speak.
        var offered = http.Request.Headers["X-Stream-Protocol-Version"].SelectMany(v => (v ?? "").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)).ToList();
        if (offered.Count > 0 && !offered.Contains(StreamProtocol))
            throw new StatusError(403, "Forbidden", $"unable to upgrade: unable to negotiate protocol: client supports [{string.Join(" ", offered)}], server supports [{StreamProtocol}]");
        http.Response.Headers.Connection = "Upgrade";
        http.Response.Headers.Upgrade = "SPDY/3.1";
        http.Response.Headers["X-Stream-Protocol-Version"] = StreamProtocol;
        var stream = await upgrade.UpgradeAsync();
        await forwarder.RunAsync(stream, ct);
    }
}
