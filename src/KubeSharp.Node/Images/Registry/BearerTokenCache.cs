using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace KubeSharp.Node.Images.Registry;

/// <summary>
/// Fetches registry bearer tokens from the token service named by a <c>Bearer realm=…</c> challenge (distribution's
/// token authentication: GET with optional Basic credentials, or the OAuth2 refresh-token POST when the login carries
/// an identity token) and keeps them until shortly before they expire.
/// </summary>
internal sealed class BearerTokenCache(HttpClient http, TimeProvider time, string userAgent)
{
    // The distribution spec says a token lives at least 60 seconds when the service does not say.
    private static readonly TimeSpan DefaultLifetime = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan ExpiryMargin = TimeSpan.FromSeconds(10);
    private const int MaxResponseBytes = 1024 * 1024;

    private readonly ConcurrentDictionary<string, (string Token, DateTimeOffset ExpiresAt)> _tokens = new();

    public async Task<string> GetAsync(Uri realm, string? service, string scope, RegistryCredentials? credentials, bool refresh, CancellationToken cancellationToken)
    {
        var key = string.Join('\n', realm, service, scope, Fingerprint(credentials));
        if (!refresh && _tokens.TryGetValue(key, out var cached) && cached.ExpiresAt > time.GetUtcNow())
            return cached.Token;
        var (token, lifetime) = await FetchAsync(realm, service, scope, credentials, cancellationToken);
        var now = time.GetUtcNow();
        // One entry per repository and login accumulates over a node's life; expired ones are dropped as new ones come.
        foreach (var (staleKey, entry) in _tokens)
        {
            if (entry.ExpiresAt <= now)
                _tokens.TryRemove(staleKey, out _);
        }
        _tokens[key] = (token, now + lifetime - ExpiryMargin);
        return token;
    }

    private async Task<(string Token, TimeSpan Lifetime)> FetchAsync(Uri realm, string? service, string scope, RegistryCredentials? credentials, CancellationToken cancellationToken)
    {
        using var request = credentials?.IdentityToken is { Length: > 0 } refreshToken
            ? RefreshTokenRequest(realm, service, scope, refreshToken)
            : TokenRequest(realm, service, scope, credentials);
        request.Headers.UserAgent.ParseAdd(userAgent);
        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            var refused = response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden;
            var error = await RegistryErrors.FromResponseAsync(response,
                $"{(refused ? "authorization failed: " : "")}token service {realm.GetLeftPart(UriPartial.Path)}", cancellationToken);
            throw refused ? new ImagePullException(error.Message, ImagePullFailure.Unauthorized) : error;
        }

        await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
        var buffer = new byte[MaxResponseBytes];
        var length = await stream.ReadAtLeastAsync(buffer, buffer.Length, throwOnEndOfStream: false, cancellationToken);
        try
        {
            using var document = JsonDocument.Parse(buffer.AsMemory(0, length));
            var root = document.RootElement;
            var token = Text(root, "token") is { Length: > 0 } t ? t : Text(root, "access_token");
            if (string.IsNullOrEmpty(token))
                throw new ImagePullException($"token service {realm.GetLeftPart(UriPartial.Path)} returned no token", ImagePullFailure.Unauthorized);
            var lifetime = root.TryGetProperty("expires_in", out var expires) && expires.TryGetInt32(out var seconds) && seconds > 0
                ? TimeSpan.FromSeconds(seconds)
                : DefaultLifetime;
            return (token, lifetime);
        }
        catch (JsonException e)
        {
            throw new ImagePullException($"token service {realm.GetLeftPart(UriPartial.Path)} returned invalid JSON", ImagePullFailure.RegistryError, e);
        }
    }

    private static HttpRequestMessage TokenRequest(Uri realm, string? service, string scope, RegistryCredentials? credentials)
    {
        var query = new List<string>();
        if (!string.IsNullOrEmpty(service))
            query.Add("service=" + Uri.EscapeDataString(service));
        query.Add("scope=" + Uri.EscapeDataString(scope));
        if (credentials?.HasBasic == true && !string.IsNullOrEmpty(credentials.Username))
            query.Add("account=" + Uri.EscapeDataString(credentials.Username));
        var builder = new UriBuilder(realm);
        builder.Query = string.Join('&', new[] { builder.Query.TrimStart('?') }.Where(q => q.Length > 0).Concat(query));
        var request = new HttpRequestMessage(HttpMethod.Get, builder.Uri);
        if (credentials?.HasBasic == true)
            request.Headers.Authorization = Basic(credentials);
        return request;
    }

    private static HttpRequestMessage RefreshTokenRequest(Uri realm, string? service, string scope, string refreshToken)
    {
        var form = new Dictionary<string, string>
        {
            ["grant_type"] = "refresh_token",
            ["refresh_token"] = refreshToken,
            ["service"] = service ?? "",
            ["scope"] = scope,
            ["client_id"] = "kubesharp",
        };
        return new HttpRequestMessage(HttpMethod.Post, realm) { Content = new FormUrlEncodedContent(form) };
    }

    internal static AuthenticationHeaderValue Basic(RegistryCredentials credentials) =>
        new("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{credentials.Username}:{credentials.Password}")));

    // Tokens are per login; hashing keeps the secret itself out of the cache key.
    private static string Fingerprint(RegistryCredentials? credentials) =>
        credentials is null
            ? "anonymous"
            : Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(
                string.Join('\0', credentials.Username, credentials.Password, credentials.IdentityToken, credentials.RegistryToken))));

    private static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
