namespace KubeSharp.Node.Images;

/// <summary>The node's local, content-addressed image store.</summary>
public interface IImageStore
{
    /// <summary>Imports an OCI layout tarball or a <c>docker save</c> tarball; returns the normalised references it tagged.</summary>
    Task<IReadOnlyList<string>> ImportAsync(string tarballPath, CancellationToken cancellationToken);

    /// <summary>Finds an image by reference (normalised first) or by id (<c>sha256:…</c>, or a unique hex prefix of it).</summary>
    Task<LocalImage?> GetImageAsync(string referenceOrId, CancellationToken cancellationToken);

    Task<IReadOnlyList<LocalImage>> ListImagesAsync(CancellationToken cancellationToken);

    /// <summary>Removes a reference (untag). Blobs stay until garbage collection, which comes later.</summary>
    Task<bool> RemoveReferenceAsync(string reference, CancellationToken cancellationToken);

    /// <summary>Writes a blob, returning its descriptor; idempotent by content.</summary>
    Task<OciDescriptor> WriteBlobAsync(Stream content, string mediaType, CancellationToken cancellationToken);

    /// <summary>Whether a blob is already stored, so a puller can skip downloading it. Stores that cannot tell say no.</summary>
    Task<bool> ContainsBlobAsync(string digest, CancellationToken cancellationToken) => Task.FromResult(false);

    /// <summary>Points <paramref name="reference"/> at a manifest whose blobs are already stored.</summary>
    Task<LocalImage> TagAsync(string reference, OciDescriptor manifest, CancellationToken cancellationToken);

    /// <summary>Unpacked layer directories, bottom to top, suitable as overlayfs lower dirs (unpacked on first use).</summary>
    Task<IReadOnlyList<string>> GetLayerDirectoriesAsync(LocalImage image, CancellationToken cancellationToken);
}
