using System.Net;
using System.Net.Http.Headers;

namespace KubeSharp.Node.Images.Registry;

/// <summary>
/// Talks to one repository of one registry for the length of a pull. Requests go out anonymously until the registry
/// answers 401; its challenge is then answered (Bearer token or Basic) and the request retried, and the resulting
/// Authorization header is reused for the rest of the pull. Redirects are followed by hand so that the header is only
/// ever sent to the registry itself, not to the storage host a blob download is redirected to.
/// </summary>
internal sealed class RegistrySession(
    HttpClient http, RegistryEndpoint endpoint, string repository, RegistryCredentials? credentials, BearerTokenCache tokens, string userAgent)
{
    private const int MaxRedirects = 10;

    private AuthenticationHeaderValue? _authorization;

    public string Repository => repository;

    /// <summary>GETs <paramref name="relative"/> (e.g. <c>v2/library/busybox/manifests/latest</c>); the caller disposes the response.</summary>
    public async Task<HttpResponseMessage> GetAsync(string relative, string? accept, CancellationToken cancellationToken)
    {
        var uri = endpoint.Resolve(relative);
        var authorization = _authorization;
        var response = await SendAsync(uri, accept, authorization, cancellationToken);
        if (response.StatusCode != HttpStatusCode.Unauthorized)
            return response;

        var challenge = AuthChallenge.Select(response.Headers.WwwAuthenticate);
        response.Dispose();
        if (challenge is null)
            throw new ImagePullException($"authorization failed: {uri} answered 401 Unauthorized but offers no Bearer or Basic challenge", ImagePullFailure.Unauthorized);
        // A header that was already sent and refused means the cached token went stale: fetch a fresh one.
        authorization = await AuthorizeAsync(challenge, refresh: authorization is not null, cancellationToken);
        _authorization = authorization;

        response = await SendAsync(uri, accept, authorization, cancellationToken);
        if (response.StatusCode != HttpStatusCode.Unauthorized)
            return response;
        using (response)
            throw await RegistryErrors.FromResponseAsync(response, $"authorization failed: {endpoint.BaseUri.Authority}/{repository} refused the login", cancellationToken);
    }

    private async Task<HttpResponseMessage> SendAsync(Uri uri, string? accept, AuthenticationHeaderValue? authorization, CancellationToken cancellationToken)
    {
        for (var hop = 0; ; hop++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, uri);
            request.Headers.UserAgent.ParseAdd(userAgent);
            if (accept is not null)
                request.Headers.TryAddWithoutValidation("Accept", accept);
            if (authorization is not null && endpoint.IsSameOrigin(uri))
                request.Headers.Authorization = authorization;
            var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            if (!IsRedirect(response.StatusCode) || response.Headers.Location is not { } location)
                return response;
            response.Dispose();
            if (hop >= MaxRedirects)
                throw new ImagePullException($"too many redirects fetching {uri}", ImagePullFailure.RegistryError);
            uri = location.IsAbsoluteUri ? location : new Uri(uri, location);
        }
    }

    private static bool IsRedirect(HttpStatusCode status) =>
        status is HttpStatusCode.MovedPermanently or HttpStatusCode.Found or HttpStatusCode.SeeOther
            or HttpStatusCode.TemporaryRedirect or HttpStatusCode.PermanentRedirect;

    private async Task<AuthenticationHeaderValue> AuthorizeAsync(AuthChallenge challenge, bool refresh, CancellationToken cancellationToken)
    {
        if (challenge.IsBasic)
        {
            if (credentials?.HasBasic != true)
                throw new ImagePullException(
                    $"authorization failed: {endpoint.BaseUri.Authority}/{repository} answered 401 Unauthorized and no imagePullSecrets credentials match it",
                    ImagePullFailure.Unauthorized);
            return BearerTokenCache.Basic(credentials);
        }

        if (!refresh && credentials?.RegistryToken is { Length: > 0 } registryToken)
            return new AuthenticationHeaderValue("Bearer", registryToken);
        if (challenge["realm"] is not { } realmText || !Uri.TryCreate(realmText, UriKind.Absolute, out var realm)
            || realm.Scheme is not ("http" or "https"))
            throw new ImagePullException($"{endpoint.BaseUri.Authority} sent a Bearer challenge without a usable realm", ImagePullFailure.RegistryError);
        var token = await tokens.GetAsync(realm, challenge["service"], $"repository:{repository}:pull", credentials, refresh, cancellationToken);
        return new AuthenticationHeaderValue("Bearer", token);
    }
}
