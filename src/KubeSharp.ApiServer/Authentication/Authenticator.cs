using System.Runtime.CompilerServices;
using System.Security.Cryptography.X509Certificates;
using KubeSharp.ApiServer.Pki;
using KubeSharp.ApiServer.Registry;
using Microsoft.AspNetCore.Http;

namespace KubeSharp.ApiServer.Authentication;

/// <summary>One way of proving who a request comes from; null when this way does not apply.</summary>
public interface IAuthenticator
{
    ValueTask<UserInfo?> AuthenticateAsync(HttpContext http);
}

/// <summary>Client certificates issued by the cluster CA: user from CN, groups from O, as upstream.</summary>
public sealed class X509Authenticator(ClusterCertificates certs) : IAuthenticator
{
    // Building the chain costs more than serving a typical request, and every request on a TLS connection
    // carries the same certificate object; so the outcome is kept per certificate object (dropped with the
    // connection) and only the validity window is re-checked per request, as upstream caches verified chains.
    readonly ConditionalWeakTable<X509Certificate2, Verified> _verified = new();

    sealed record Verified(UserInfo? User, DateTime NotBefore, DateTime NotAfter);

    public ValueTask<UserInfo?> AuthenticateAsync(HttpContext http)
    {
        var cert = http.Connection.ClientCertificate;
        if (cert is null) return ValueTask.FromResult<UserInfo?>(null);
        var verified = _verified.GetValue(cert, Verify);
        // The wall clock, as the chain check itself uses (not the server's injectable clock, which tests move).
        var now = DateTime.UtcNow;
        var user = now >= verified.NotBefore && now <= verified.NotAfter ? verified.User : null;
        return ValueTask.FromResult(user);
    }

    Verified Verify(X509Certificate2 cert)
    {
        var (notBefore, notAfter) = (cert.NotBefore.ToUniversalTime(), cert.NotAfter.ToUniversalTime());
        if (!certs.IsIssuedByCluster(cert)) return new Verified(null, notBefore, notAfter);
        var name = cert.GetNameInfo(X509NameType.SimpleName, false);
        var groups = cert.SubjectName.EnumerateRelativeDistinguishedNames()
            .Where(rdn => rdn.GetSingleElementType().Value == "2.5.4.10")
            .Select(rdn => rdn.GetSingleElementValue() ?? "")
            .Where(g => g.Length > 0)
            .Append("system:authenticated")
            .ToList();
        return new Verified(new UserInfo(name, groups), notBefore, notAfter);
    }
}

/// <summary>Static bearer tokens (a token file, as upstream's --token-auth-file: token,user,uid,"group1,group2").</summary>
public sealed class TokenFileAuthenticator : IAuthenticator
{
    readonly Dictionary<string, UserInfo> _tokens = new(StringComparer.Ordinal);

    public TokenFileAuthenticator(string? path)
    {
        if (path is null || !File.Exists(path)) return;
        foreach (var line in File.ReadAllLines(path))
        {
            var parts = line.Split(',', 4);
            if (parts.Length < 2 || parts[0].Length == 0) continue;
            var groups = parts.Length > 3 ? parts[3].Trim('"').Split(',', StringSplitOptions.RemoveEmptyEntries).ToList() : [];
            groups.Add("system:authenticated");
            _tokens[parts[0]] = new UserInfo(parts[1], groups);
        }
    }

    public ValueTask<UserInfo?> AuthenticateAsync(HttpContext http)
    {
        var header = http.Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)) return ValueTask.FromResult<UserInfo?>(null);
        return ValueTask.FromResult(_tokens.GetValueOrDefault(header["Bearer ".Length..].Trim()));
    }
}
