namespace KubeSharp.Node.Images.Registry;

public static class ImagePullerExtensions
{
    /// <summary>
    /// Pulls with the credentials of a pod's pull secrets the way the kubelet does: anonymously when no key matches the
    /// image, otherwise trying each matching login in turn (most specific first) until one is accepted.
    /// </summary>
    public static async Task<LocalImage> PullAsync(this IImagePuller puller, ImageReference reference, DockerConfigKeyring keyring, CancellationToken cancellationToken)
    {
        var logins = keyring.Lookup(reference);
        if (logins.Count == 0)
            return await puller.PullAsync(reference, credentials: null, cancellationToken);
        var failures = new List<ImagePullException>();
        foreach (var login in logins)
        {
            try
            {
                return await puller.PullAsync(reference, login, cancellationToken);
            }
            // Only a refused login is worth trying another; some registries answer "not found" to a login that may not see the repository.
            catch (ImagePullException e) when (e.Failure is ImagePullFailure.Unauthorized or ImagePullFailure.NotFound)
            {
                failures.Add(e);
            }
        }
        throw failures.Count == 1
            ? failures[0]
            : new ImagePullException(string.Join("; ", failures.Select(f => f.Message)), failures[^1].Failure, new AggregateException(failures));
    }
}
