using System.Collections.Concurrent;
using KubeSharp.Api.Model.Core;
using KubeSharp.Node.Images;
using KubeSharp.Node.Images.Registry;
using KubeSharp.Node.Kubelet.Pods;

namespace KubeSharp.Node.Kubelet.Images;

/// <summary>The outcome of making a container's image available: the image, or the waiting reason and message.</summary>
public sealed record ImageAvailability(LocalImage? Image, string? Reason = null, string? Message = null);

/// <summary>
/// Makes images available for containers by their <c>imagePullPolicy</c>, with upstream's events (Pulling,
/// Pulled, Failed, BackOff) and pull back-off (ErrImagePull, then ImagePullBackOff). Pulls use the pod's pull
/// secrets (<see cref="PullSecretResolver"/>). When the registry cannot be reached, an image already in the store is
/// used even under <c>Always</c>, with a Warning event saying so; a registry that refuses the login or does not
/// know the image is a failure, as <c>Always</c> is what keeps pods without credentials off private images.
/// </summary>
public sealed class ImageManager(IImageStore store, IImagePuller? puller, TimeProvider time, PullSecretResolver? secrets = null)
{
    readonly CrashBackoff _backoff = new(time);
    static readonly TimeSpan PullTimeout = TimeSpan.FromMinutes(2);
    /// <summary>After a registry failed to answer, pods whose image is local skip it for a while instead of each waiting on it.</summary>
    static readonly TimeSpan UnreachableMemory = TimeSpan.FromMinutes(1);

    readonly ConcurrentDictionary<string, string> _repoDigests = new(StringComparer.Ordinal);
    readonly ConcurrentDictionary<string, DateTimeOffset> _unreachable = new(StringComparer.Ordinal);

    public async Task<ImageAvailability> EnsureAsync(Container container, Pod pod, PodEvents events, CancellationToken ct)
    {
        var podUid = pod.Metadata.Uid ?? "";
        var image = container.Image ?? "";
        if (!ImageReference.TryParse(image, out var reference))
        {
            var message = $"Failed to apply default image tag \"{image}\": couldn't parse image name \"{image}\": invalid reference format";
            events.Warning(container, "InspectFailed", message);
            return new ImageAvailability(null, "InvalidImageName", message);
        }
        var policy = container.ImagePullPolicy ?? (reference!.Tag == "latest" && reference.Digest is null ? "Always" : "IfNotPresent");
        var local = await store.GetImageAsync(image, ct);
        if (local is not null && policy != "Always")
        {
            events.Normal(container, "Pulled", $"Container image \"{image}\" already present on machine");
            return Remember(local);
        }
        if (local is null && policy == "Never")
        {
            var message = $"Container image \"{image}\" is not present with pull policy of Never";
            events.Warning(container, "ErrImageNeverPull", message);
            return new ImageAvailability(null, "ErrImageNeverPull", message);
        }

        var key = podUid + "/" + image;
        if (_backoff.InBackoff(key, out _))
        {
            events.Normal(container, "BackOff", $"Back-off pulling image \"{image}\"");
            return new ImageAvailability(null, "ImagePullBackOff", $"Back-off pulling image \"{image}\"");
        }
        string failure;
        var refused = false;
        if (puller is null)
            failure = "this node has no registry client";
        else if (_unreachable.TryGetValue(reference!.Domain, out var until) && until > time.GetUtcNow() && local is not null)
            failure = $"registry {reference.Domain} was unreachable moments ago";
        else
        {
            events.Normal(container, "Pulling", $"Pulling image \"{image}\"");
            var started = time.GetTimestamp();
            try
            {
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
                timeout.CancelAfter(PullTimeout);
                var keyring = secrets is null ? DockerConfigKeyring.Empty : await secrets.KeyringAsync(pod, events, timeout.Token);
                var pulled = await puller.PullAsync(reference!, keyring, timeout.Token);
                var elapsed = time.GetElapsedTime(started);
                events.Normal(container, "Pulled", $"Successfully pulled image \"{image}\" in {elapsed.TotalMilliseconds:0}ms. Image size: {pulled.Size} bytes.");
                _backoff.Forget(key);
                return Remember(pulled);
            }
            catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
            {
                failure = e is OperationCanceledException ? $"pulling took longer than {PullTimeout.TotalSeconds:0}s" : e.Message;
                // A refused login, an unknown image or a broken pull secret is the registry's (or the pod's) answer, not an outage.
                refused = e is ImagePullException { Failure: ImagePullFailure.NotFound or ImagePullFailure.Unauthorized } or FormatException;
                if (!refused)
                    _unreachable[reference!.Domain] = time.GetUtcNow() + UnreachableMemory;
            }
        }
        if (local is not null && !refused)
        {
            events.Warning(container, "PullSkipped",
                $"Could not pull image \"{image}\" ({failure}); using the image already on the node ({local.Id[..19]})");
            return Remember(local);
        }
        var pullError = $"Failed to pull image \"{image}\": {failure}";
        events.Warning(container, "Failed", pullError);
        events.Warning(container, "Failed", "Error: ErrImagePull");
        _backoff.Record(key);
        return new ImageAvailability(null, "ErrImagePull", pullError);
    }

    /// <summary>Forgets a pod's pull back-off (the pod is gone).</summary>
    public void Forget(string podUid) => _backoff.ForgetPrefix(podUid + "/");

    /// <summary>The <c>imageID</c> to report: <c>repository@manifest-digest</c> when known, else the image id.</summary>
    public string ImageIdFor(string imageId, string imageReference) =>
        _repoDigests.TryGetValue(imageId, out var digest) ? digest
        : ImageReference.TryParse(imageReference, out var r) ? r!.Name + "@" + imageId : imageId;

    ImageAvailability Remember(LocalImage image)
    {
        if (image.References.FirstOrDefault() is { } reference && ImageReference.TryParse(reference, out var parsed))
            _repoDigests[image.Id] = parsed!.Name + "@" + image.ManifestDigest;
        return new ImageAvailability(image);
    }
}
