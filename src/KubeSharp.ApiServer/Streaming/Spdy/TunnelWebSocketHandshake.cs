using System.Net.WebSockets;
using System.Security.Cryptography;
using System.Text;
using KubeSharp.Api.Errors;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace KubeSharp.ApiServer.Streaming.Spdy;

/// <summary>
/// The server half of the RFC 6455 opening handshake, done by hand for the port-forward tunnel: its
/// subprotocol <c>SPDY/3.1+portforward.k8s.io</c> holds a '/', which is not an RFC token, so ASP.NET's
/// <c>AcceptWebSocketAsync</c> rejects it — after the 101 has gone out, which the client sees as a 1006
/// close. Go's gorilla/websocket (kubectl, upstream's API server) accepts it, so the name cannot change.
/// </summary>
public static class TunnelWebSocketHandshake
{
    const string AcceptGuid = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";

    /// <summary>The Sec-WebSocket-Accept value for a client's Sec-WebSocket-Key (RFC 6455 section 4.2.2).</summary>
    public static string AcceptKey(string clientKey) =>
        Convert.ToBase64String(SHA1.HashData(Encoding.ASCII.GetBytes(clientKey.Trim() + AcceptGuid)));

    /// <summary>Answers the upgrade with 101 and <paramref name="protocol"/>, and returns the server end of the WebSocket.</summary>
    public static async Task<WebSocket> AcceptAsync(HttpContext http, string protocol, TimeSpan keepAlive)
    {
        var upgrade = http.Features.Get<IHttpUpgradeFeature>();
        var request = http.Request;
        if (upgrade is null || !upgrade.IsUpgradableRequest)
            throw StatusError.BadRequest("the WebSocket port-forward tunnel needs an HTTP/1.1 upgrade");
        if (!HttpMethods.IsGet(request.Method))
            throw StatusError.BadRequest("a WebSocket upgrade must be a GET");
        if (request.Headers.SecWebSocketVersion.ToString() != "13")
            throw StatusError.BadRequest("unsupported Sec-WebSocket-Version (want 13)");
        var key = request.Headers.SecWebSocketKey.ToString();
        if (!IsValidKey(key)) throw StatusError.BadRequest("missing or invalid Sec-WebSocket-Key");

        http.Response.Headers.Connection = "Upgrade";
        http.Response.Headers.Upgrade = "websocket";
        http.Response.Headers.SecWebSocketAccept = AcceptKey(key);
        http.Response.Headers.SecWebSocketProtocol = protocol;
        var stream = await upgrade.UpgradeAsync();
        return WebSocket.CreateFromStream(stream, new WebSocketCreationOptions { IsServer = true, KeepAliveInterval = keepAlive });
    }

    /// <summary>A key is 16 random bytes in base64 (RFC 6455 section 4.1).</summary>
    static bool IsValidKey(string key)
    {
        Span<byte> raw = stackalloc byte[24];
        return key.Length == 24 && Convert.TryFromBase64String(key, raw, out var n) && n == 16;
    }
}
