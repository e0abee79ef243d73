using System.Collections.Concurrent;
using KubeSharp.Api.Model.Core;
using KubeSharp.Node.Images;
using KubeSharp.Node.Kubelet.Pods;

namespace KubeSharp.Node.Kubelet.Images;

/// <summary>The outcome of making a container's image available: the image, or the waiting reason and message.</summary>
public sealed record ImageAvailability(LocalImage? Image, string? Reason = null, string? Message = null);

/// <summary>
/// Makes images available for containers by their <c>imagePullPolicy</c>, with upstream's events (Pulling,
/// Pulled, Failed, BackOff) and pull back-off (ErrImagePull, then ImagePullBackOff). Without a registry client
/// an image already in the store is used even under <c>Always</c>, with a Warning event saying so.
/// </summary>
public sealed class ImageManager(IImageStore store, IImagePuller? puller, TimeProvider time)
{
    readonly CrashBackoff _backoff = new(time);
    readonly ConcurrentDictionary<string, string> _repoDigests = new(StringComparer.Ordinal);

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
        if (_backoff.InBackoff(key, out _))
        {
            events.Normal(container, "BackOff", $"Back-off pulling image \"{image}\"");
            return new ImageAvailability(null, "ImagePullBackOff", $"Back-off pulling image \"{image}\"");
        }
        if (puller is null)
        {
            if (local is not null)
            {
                events.Warning(container, "PullSkipped",
                    $"No registry is reachable from this node (pulling is not implemented yet); using the local image \"{image}\" ({local.Id[..19]})");
                return Remember(local);
            }
            events.Normal(container, "Pulling", $"Pulling image \"{image}\"");
            var message = $"Failed to pull image \"{image}\": image {reference} is not in the node's image store and this node cannot pull from registries yet (import it with `kubesharp images import FILE`)";
            events.Warning(container, "Failed", message);
            events.Warning(container, "Failed", "Error: ErrImagePull");
            _backoff.Record(key);
            return new ImageAvailability(null, "ErrImagePull", message);
        }
        events.Normal(container, "Pulling", $"Pulling image \"{image}\"");
        var started = time.GetTimestamp();
        try
        {
            var pulled = await puller.PullAsync(reference!, ct);
            var elapsed = time.GetElapsedTime(started);
            events.Normal(container, "Pulled", $"Successfully pulled image \"{image}\" in {elapsed.TotalMilliseconds:0}ms. Image size: {pulled.Size} bytes.");
            _backoff.Forget(key);
            return Remember(pulled);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            if (local is not null)
            {
                events.Warning(container, "PullSkipped", $"Pulling image \"{image}\" failed ({e.Message}); using the local image");
                return Remember(local);
            }
            var message = $"Failed to pull image \"{image}\": {e.Message}";
            events.Warning(container, "Failed", message);
            events.Warning(container, "Failed", "Error: ErrImagePull");
            _backoff.Record(key);
            return new ImageAvailability(null, "ErrImagePull", message);
        }
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
