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
/// Pulled, Failed, BackOff) and pull back-off (ErrImagePull, then ImagePullBackOff). When the registry cannot be
/// reached, an image already in the store is used even under <c>Always</c>, with a Warning event saying so.
/// </summary>
public sealed class ImageManager(IImageStore store, IImagePuller? puller, TimeProvider time)
{
    readonly CrashBackoff _backoff = new(time);
    static readonly TimeSpan PullTimeout = TimeSpan.FromMinutes(2);
    /// <summary>After a registry failed to answer, pods whose image is local skip it for a while instead of each waiting on it.</summary>
    static readonly TimeSpan UnreachableMemory = TimeSpan.FromMinutes(1);

    readonly ConcurrentDictionary<string, string> _repoDigests = new(StringComparer.Ordinal);
    readonly ConcurrentDictionary<string, DateTimeOffset> _unreachable = new(StringComparer.Ordinal);

    public async Task<ImageAvailability> EnsureAsync(Container container, string podUid, PodEvents events, CancellationToken ct)
    {
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
        if (local is null && _backoff.InBackoff(key, out _))
        {
            events.Normal(container, "BackOff", $"Back-off pulling image \"{image}\"");
            return new ImageAvailability(null, "ImagePullBackOff", $"Back-off pulling image \"{image}\"");
        }
        string failure;
        if (puller is null)
            failure = "this node has no registry client";
        else if (_unreachable.TryGetValue(reference!.Domain, out var until) && until > time.GetUtcNow() && local is not null)
            failure = $"registry {reference.Domain} was unreachable moments ago";
        else
        {
            if (local is null) events.Normal(container, "Pulling", $"Pulling image \"{image}\"");
            var started = time.GetTimestamp();
            try
            {
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
                timeout.CancelAfter(PullTimeout);
                var pulled = await puller.PullAsync(reference!, timeout.Token);
                var elapsed = time.GetElapsedTime(started);
                events.Normal(container, "Pulled", $"Successfully pulled image \"{image}\" in {elapsed.TotalMilliseconds:0}ms. Image size: {pulled.Size} bytes.");
                _backoff.Forget(key);
                return Remember(pulled);
            }
            catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
            {
                failure = e is OperationCanceledException ? $"pulling took longer than {PullTimeout.TotalSeconds:0}s" : e.Message;
                if (e is not ImagePullException { Failure: ImagePullFailure.NotFound or ImagePullFailure.Unauthorized })
                    _unreachable[reference!.Domain] = time.GetUtcNow() + UnreachableMemory;
            }
        }
        if (local is not null)
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
