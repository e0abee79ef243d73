namespace KubeSharp.Node.Images.Registry;

/// <summary>How the node reaches registries.</summary>
public sealed record RegistryOptions
{
    /// <summary>
    /// Registries (<c>host</c> or <c>host:port</c>, as written in image references) spoken to over plain HTTP.
    /// Loopback registries (<c>localhost</c>, <c>127.0.0.0/8</c>, <c>::1</c>) always are; everything else uses HTTPS.
    /// </summary>
    public IReadOnlyCollection<string> InsecureRegistries { get; init; } = [];

    /// <summary>The entry picked from an image index; the node's own architecture by default.</summary>
    public OciPlatform Platform { get; init; } = new(ImageImporter.CurrentArchitecture(), "linux");

    public string UserAgent { get; init; } = "kubesharp";

    /// <summary>Manifests and indexes are read into memory, so their size is capped.</summary>
    public int MaxManifestBytes { get; init; } = 4 * 1024 * 1024;

    /// <summary>Blobs of one image fetched at the same time.</summary>
    public int MaxConcurrentDownloads { get; init; } = 3;
}
