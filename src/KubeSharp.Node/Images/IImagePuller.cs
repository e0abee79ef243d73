namespace KubeSharp.Node.Images;

/// <summary>
/// Fetches an image from a registry into the local store. The registry HTTP API v2 client comes later;
/// until then images enter the store by <see cref="ImageStore.ImportAsync"/> or <see cref="BusyboxImageBuilder"/>.
/// </summary>
public interface IImagePuller
{
    /// <returns>The pulled image as stored locally.</returns>
    Task<LocalImage> PullAsync(ImageReference reference, CancellationToken cancellationToken);
}
