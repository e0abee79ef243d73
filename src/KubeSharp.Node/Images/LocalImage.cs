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
    public long Size => Layers.Sum(l => l.Size);

    public ImageRuntimeConfig RuntimeConfig => Config.Config ?? new ImageRuntimeConfig();
}
