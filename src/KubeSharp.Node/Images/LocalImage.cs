namespace KubeSharp.Node.Images;

/// <summary>An image present in the local store.</summary>
/// <param name="Id">The config digest (<c>sha256:…</c>), which is what Kubernetes reports as <c>imageID</c>.</param>
/// <param name="References">Normalised references that point at this image.</param>
/// <param name="ManifestDigest">Digest of the image manifest.</param>
/// <param name="Layers">Layer descriptors, bottom to top.</param>
public sealed record LocalImage(
    string Id,
    IReadOnlyList<string> References,
    string ManifestDigest,
    ImageConfigFile Config,
    IReadOnlyList<OciDescriptor> Layers)
{
    /// <summary>
    /// The by-digest references (<c>docker.io/library/busybox@sha256:…</c>) recorded when the image was pulled: what
    /// Kubernetes reports as a container's <c>imageID</c>. Empty for images that were built or imported locally.
    /// </summary>
    public IReadOnlyList<string> RepoDigests =>
        References.Select(r => ImageReference.TryParse(r, out var parsed) ? parsed : null)
            .Where(r => r?.Digest is not null)
            .Select(r => $"{r!.Name}@{r.Digest}")
            .Distinct()
            .ToList();

    public long Size => Layers.Sum(l => l.Size);

    public ImageRuntimeConfig RuntimeConfig => Config.Config ?? new ImageRuntimeConfig();
}
