using System.Net;

namespace KubeSharp.Node.Images.Registry;

/// <summary>Where the registry HTTP API v2 of an image reference's domain lives.</summary>
internal sealed record RegistryEndpoint(Uri BaseUri)
{
    /// <summary>Docker Hub's API is not served at the name used in references.</summary>
    public const string DockerHubHost = "registry-1.docker.io";

    public static RegistryEndpoint Resolve(string domain, RegistryOptions options)
    {
        var host = domain == ImageReference.DefaultDomain ? DockerHubHost : domain;
        var plainHttp = IsLoopback(domain) || options.InsecureRegistries.Contains(domain, StringComparer.OrdinalIgnoreCase);
        return new RegistryEndpoint(new Uri($"{(plainHttp ? "http" : "https")}://{host}/"));
    }

    public Uri Resolve(string relative) => new(BaseUri, relative);

    /// <summary>Credentials go only to the registry itself, never to a host it redirects blob downloads to.</summary>
    public bool IsSameOrigin(Uri uri) =>
        Uri.Compare(uri, BaseUri, UriComponents.SchemeAndServer, UriFormat.Unescaped, StringComparison.OrdinalIgnoreCase) == 0;

    internal static bool IsLoopback(string domain)
    {
        var host = domain;
        if (host.StartsWith('['))
            host = host[1..host.IndexOf(']')];
        else if (host.Count(c => c == ':') == 1)
            host = host[..host.IndexOf(':')];
        if (host.Equals("localhost", StringComparison.OrdinalIgnoreCase))
            return true;
        return IPAddress.TryParse(host, out var address) && IPAddress.IsLoopback(address);
    }
}
