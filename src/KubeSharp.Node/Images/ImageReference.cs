using System.Text.RegularExpressions;

namespace KubeSharp.Node.Images;

/// <summary>
/// A container image reference normalised the way Docker and containerd do it:
/// <c>busybox</c> becomes <c>docker.io/library/busybox:latest</c>, <c>foo/bar:1</c> becomes <c>docker.io/foo/bar:1</c>.
/// </summary>
public sealed partial record ImageReference(string Domain, string Path, string? Tag, string? Digest)
{
    public const string DefaultDomain = "docker.io";
    public const string DefaultTag = "latest";

    /// <summary>Repository name without tag or digest, e.g. <c>docker.io/library/busybox</c>.</summary>
    public string Name => $"{Domain}/{Path}";

    public override string ToString() =>
        Name + (Tag is null ? "" : ":" + Tag) + (Digest is null ? "" : "@" + Digest);

    public static string Normalize(string reference) => Parse(reference).ToString();

    public static bool TryParse(string reference, out ImageReference? parsed)
    {
        try
        {
            parsed = Parse(reference);
            return true;
        }
        catch (FormatException)
        {
            parsed = null;
            return false;
        }
    }

    public static ImageReference Parse(string reference)
    {
        ArgumentNullException.ThrowIfNull(reference);
        var rest = reference.Trim();
        if (rest.Length == 0 || rest.Length > 255 + 128)
            throw new FormatException($"invalid image reference \"{reference}\"");

        string? digest = null;
        var at = rest.IndexOf('@');
        if (at >= 0)
        {
            digest = rest[(at + 1)..];
            rest = rest[..at];
            if (!DigestPattern().IsMatch(digest))
                throw new FormatException($"invalid digest in image reference \"{reference}\"");
        }

        string? tag = null;
        var lastSlash = rest.LastIndexOf('/');
        var colon = rest.LastIndexOf(':');
        if (colon > lastSlash)
        {
            tag = rest[(colon + 1)..];
            rest = rest[..colon];
            if (!TagPattern().IsMatch(tag))
                throw new FormatException($"invalid tag in image reference \"{reference}\"");
        }

        string domain;
        string path;
        var firstSlash = rest.IndexOf('/');
        var first = firstSlash < 0 ? null : rest[..firstSlash];
        if (first is not null && (first.Contains('.') || first.Contains(':') || first == "localhost" || first.Any(char.IsUpper)))
        {
            domain = first;
            path = rest[(firstSlash + 1)..];
        }
        else
        {
            domain = DefaultDomain;
            path = rest;
        }

        if (domain == "index.docker.io")
            domain = DefaultDomain;
        if (domain == DefaultDomain && !path.Contains('/'))
            path = "library/" + path;

        if (!PathPattern().IsMatch(path))
            throw new FormatException($"invalid repository name in image reference \"{reference}\" (must be lowercase)");
        if (!DomainPattern().IsMatch(domain))
            throw new FormatException($"invalid registry in image reference \"{reference}\"");

        if (tag is null && digest is null)
            tag = DefaultTag;
        return new ImageReference(domain, path, tag, digest);
    }

    [GeneratedRegex("^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*(?:/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*$")]
    private static partial Regex PathPattern();

    [GeneratedRegex(@"^(?:[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?(?:\.[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?)*|\[[0-9a-fA-F:]+\])(?::[0-9]+)?$")]
    private static partial Regex DomainPattern();

    [GeneratedRegex(@"^[\w][\w.-]{0,127}$")]
    private static partial Regex TagPattern();

    [GeneratedRegex(@"^sha256:[0-9a-f]{64}$")]
    private static partial Regex DigestPattern();
}
