using KubeSharp.Node.Images.Registry;

namespace KubeSharp.Node.Images;

/// <summary>
/// Fetches an image from a registry into the local store (<see cref="RegistryImagePuller"/>). Images also enter the store
/// by <see cref="ImageStore.ImportAsync"/> or <see cref="BusyboxImageBuilder"/>.
/// </summary>
public interface IImagePuller
{
    /// <returns>The pulled image as stored locally.</returns>
    Task<LocalImage> PullAsync(ImageReference reference, CancellationToken cancellationToken);

    /// <summary>Pulls with a registry login (from the pod's imagePullSecrets, see <see cref="DockerConfigKeyring"/>); null is anonymous.</summary>
    /// <remarks>Pullers that have no notion of a login (fakes, local-only ones) ignore it.</remarks>
    Task<LocalImage> PullAsync(ImageReference reference, RegistryCredentials? credentials, CancellationToken cancellationToken) =>
        PullAsync(reference, cancellationToken);
}
