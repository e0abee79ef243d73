using System.Text;
using System.Text.Json;

namespace KubeSharp.Node.Images.Registry;

/// <summary>
/// Registry logins from image pull secrets: <c>kubernetes.io/dockerconfigjson</c> (<c>.dockerconfigjson</c>, an object with
/// <c>auths</c>) or the legacy <c>kubernetes.io/dockercfg</c> (<c>.dockercfg</c>, the same map without the wrapper).
/// Keys match images the way the kubelet matches them: host (with <c>*</c> wildcards per DNS label) and port must match,
/// and a key's path must be a prefix of the image's repository path; the most specific keys come first.
/// </summary>
public sealed class DockerConfigKeyring
{
    private static readonly string[] DockerHubHosts = [ImageReference.DefaultDomain, "index.docker.io", RegistryEndpoint.DockerHubHost];

    private readonly IReadOnlyList<Entry> _entries;

    private sealed record Entry(string Host, string Path, RegistryCredentials Credentials);

    private DockerConfigKeyring(IReadOnlyList<Entry> entries) => _entries = entries;

    public static DockerConfigKeyring Empty { get; } = new([]);

    public int Count => _entries.Count;

    /// <summary>Parses one secret's docker config JSON (either format).</summary>
    /// <exception cref="FormatException">The JSON or an <c>auth</c> field is malformed.</exception>
    public static DockerConfigKeyring Parse(string json)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
                throw new FormatException("docker config must be a JSON object");
            var auths = root.TryGetProperty("auths", out var wrapped) && wrapped.ValueKind == JsonValueKind.Object ? wrapped : root;
            var entries = new List<Entry>();
            foreach (var property in auths.EnumerateObject())
            {
                if (property.Value.ValueKind != JsonValueKind.Object)
                    continue;
                var (host, path) = ParseKey(property.Name);
                entries.Add(new Entry(host, path, ReadCredentials(property.Name, property.Value)));
            }
            return new DockerConfigKeyring(Sort(entries));
        }
        catch (JsonException e)
        {
            throw new FormatException($"invalid docker config JSON: {e.Message}", e);
        }
    }

    /// <summary>Merges the keyrings of several pull secrets (a pod may list many).</summary>
    public static DockerConfigKeyring Combine(IEnumerable<DockerConfigKeyring> keyrings) =>
        new(Sort(keyrings.SelectMany(k => k._entries).ToList()));

    /// <summary>Credentials to try for an image, most specific first; empty means pull anonymously.</summary>
    public IReadOnlyList<RegistryCredentials> Lookup(ImageReference image)
    {
        var host = NormalizeHost(image.Domain);
        return _entries
            .Where(e => HostMatches(e.Host, host) && PathMatches(e.Path, image.Path))
            .Select(e => e.Credentials)
            .Distinct()
            .ToList();
    }

    // The kubelet sorts keys in reverse lexical order so that longer, more specific keys win; the order stays stable across merges.
    private static List<Entry> Sort(List<Entry> entries) =>
        entries.OrderByDescending(e => e.Host + "/" + e.Path, StringComparer.Ordinal).ToList();

    private static RegistryCredentials ReadCredentials(string key, JsonElement value)
    {
        string? username = String(value, "username");
        string? password = String(value, "password");
        if (String(value, "auth") is { Length: > 0 } auth)
        {
            string decoded;
            try
            {
                decoded = Encoding.UTF8.GetString(Convert.FromBase64String(auth));
            }
            catch (FormatException e)
            {
                throw new FormatException($"the auth field for \"{key}\" is not base64", e);
            }
            var colon = decoded.IndexOf(':');
            if (colon < 0)
                throw new FormatException($"the auth field for \"{key}\" is not user:password");
            username = decoded[..colon];
            password = decoded[(colon + 1)..];
        }
        return new RegistryCredentials(username, password, String(value, "identitytoken"), String(value, "registrytoken"));
    }

    private static string? String(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    /// <summary>Splits a key such as <c>https://index.docker.io/v1/</c>, <c>registry:5000/team</c> or <c>*.example.com</c>.</summary>
    internal static (string Host, string Path) ParseKey(string key)
    {
        var rest = key.Trim();
        var scheme = rest.IndexOf("://", StringComparison.Ordinal);
        if (scheme >= 0)
            rest = rest[(scheme + 3)..];
        var slash = rest.IndexOf('/');
        var host = NormalizeHost(slash < 0 ? rest : rest[..slash]);
        var path = slash < 0 ? "" : rest[(slash + 1)..].Trim('/');
        // Docker Hub's legacy key carries its API version as a path, which is no repository prefix.
        if (host == ImageReference.DefaultDomain && path == "v1")
            path = "";
        return (host, path);
    }

    private static string NormalizeHost(string host)
    {
        host = host.ToLowerInvariant();
        return DockerHubHosts.Contains(host) ? ImageReference.DefaultDomain : host;
    }

    private static bool HostMatches(string pattern, string host)
    {
        var (patternName, patternPort) = SplitPort(pattern);
        var (name, port) = SplitPort(host);
        if (patternPort != port)
            return false;
        var patternLabels = patternName.Split('.');
        var labels = name.Split('.');
        return patternLabels.Length == labels.Length && patternLabels.Zip(labels).All(p => LabelMatches(p.First, p.Second));
    }

    private static (string Name, string Port) SplitPort(string host)
    {
        var colon = host.LastIndexOf(':');
        return colon > 0 && !host.EndsWith(']') ? (host[..colon], host[(colon + 1)..]) : (host, "");
    }

    /// <summary>A DNS label with <c>*</c> matching any run of characters (the kubelet uses glob matching per label).</summary>
    private static bool LabelMatches(string pattern, string label)
    {
        if (!pattern.Contains('*'))
            return pattern == label;
        var parts = pattern.Split('*');
        if (!label.StartsWith(parts[0], StringComparison.Ordinal) || !label.EndsWith(parts[^1], StringComparison.Ordinal))
            return false;
        var position = parts[0].Length;
        foreach (var middle in parts[1..^1])
        {
            var found = label.IndexOf(middle, position, StringComparison.Ordinal);
            if (found < 0)
                return false;
            position = found + middle.Length;
        }
        return position <= label.Length - parts[^1].Length;
    }

    private static bool PathMatches(string prefix, string path) =>
        prefix.Length == 0 || path == prefix || path.StartsWith(prefix + "/", StringComparison.Ordinal);
}
