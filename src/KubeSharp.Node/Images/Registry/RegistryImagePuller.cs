using System.Net;
using System.Security.Cryptography;
using System.Text.Json;

namespace KubeSharp.Node.Images.Registry;

/// <summary>
/// Pulls images over the registry HTTP API v2 (the OCI distribution spec) into the local store: resolves the reference's
/// manifest (picking this node's platform from an index), streams the config and layer blobs into the store while
/// checking each against its digest and size, then writes the manifest and tags it by the reference and by its repo
/// digest (<c>docker.io/library/busybox@sha256:…</c>, the digest the registry resolved the reference to).
/// </summary>
/// <remarks>
/// A blob that fails verification is never committed. Blobs are written bottom-up with the manifest last and the tags after
/// it, so a failed pull leaves no manifest and no tag behind; layers it had already verified stay as plain content for a retry.
/// </remarks>
public sealed class RegistryImagePuller : IImagePuller, IDisposable
{
    private static readonly JsonSerializerOptions Json = new();

    private readonly IImageStore _store;
    private readonly RegistryOptions _options;
    private readonly HttpClient _http;
    private readonly BearerTokenCache _tokens;

    /// <param name="handler">Replaces the HTTP stack (tests); it must not follow redirects by itself nor decompress bodies.</param>
    public RegistryImagePuller(IImageStore store, RegistryOptions? options = null, HttpMessageHandler? handler = null, TimeProvider? timeProvider = null)
    {
        _store = store;
        _options = options ?? new RegistryOptions();
        _http = new HttpClient(handler ?? new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            AutomaticDecompression = DecompressionMethods.None,
            ConnectTimeout = TimeSpan.FromSeconds(30),
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
        })
        {
            // Layers can take long; callers bound a pull with their cancellation token instead.
            Timeout = Timeout.InfiniteTimeSpan,
        };
        _tokens = new BearerTokenCache(_http, timeProvider ?? TimeProvider.System, _options.UserAgent);
    }

    public Task<LocalImage> PullAsync(ImageReference reference, CancellationToken cancellationToken) =>
        PullAsync(reference, credentials: null, cancellationToken);

    public async Task<LocalImage> PullAsync(ImageReference reference, RegistryCredentials? credentials, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(reference);
        var endpoint = RegistryEndpoint.Resolve(reference.Domain, _options);
        var session = new RegistrySession(_http, endpoint, reference.Path, credentials, _tokens, _options.UserAgent);
        try
        {
            return await PullAsync(session, reference, cancellationToken);
        }
        catch (HttpRequestException e)
        {
            throw new ImagePullException($"pulling {reference} from {endpoint.BaseUri.Authority}: {e.Message}", ImagePullFailure.RegistryError, e);
        }
        catch (HttpIOException e)
        {
            throw new ImagePullException($"pulling {reference} from {endpoint.BaseUri.Authority}: {e.Message}", ImagePullFailure.RegistryError, e);
        }
    }

    private async Task<LocalImage> PullAsync(RegistrySession session, ImageReference reference, CancellationToken cancellationToken)
    {
        var top = await FetchManifestAsync(session, reference, reference.Digest ?? reference.Tag ?? ImageReference.DefaultTag, expected: null, cancellationToken);
        if (reference.Digest is not null && top.Digest != reference.Digest)
            throw new ImagePullException($"manifest of {reference} has digest {top.Digest}", ImagePullFailure.DigestMismatch);

        var indexes = new List<FetchedManifest>();
        var manifest = top;
        // An index may (rarely) point at another index; two levels are plenty.
        while (MediaTypes.IsIndex(manifest.MediaType))
        {
            if (indexes.Count == 2)
                throw new ImagePullException($"{reference}: image indexes nested too deeply", ImagePullFailure.Unsupported);
            indexes.Add(manifest);
            var entry = SelectPlatform(reference, Deserialize<OciIndex>(manifest, reference));
            manifest = await FetchManifestAsync(session, reference, entry.Digest, entry, cancellationToken);
        }
        if (!RegistryMediaTypes.IsImageManifest(manifest.MediaType))
        {
            var kind = manifest.MediaType is RegistryMediaTypes.DockerSchema1 or RegistryMediaTypes.DockerSchema1Signed
                ? "Docker image manifest schema 1 (deprecated, no longer supported)"
                : $"\"{manifest.MediaType}\"";
            throw new ImagePullException($"{reference}: unsupported manifest type {kind}", ImagePullFailure.Unsupported);
        }

        var image = Deserialize<OciManifest>(manifest, reference);
        Validate(reference, image);
        await Parallel.ForEachAsync(
            image.Layers.Prepend(image.Config).DistinctBy(d => d.Digest),
            new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, _options.MaxConcurrentDownloads), CancellationToken = cancellationToken },
            async (blob, token) => await FetchBlobAsync(session, reference, blob, token));

        var manifestDescriptor = await StoreManifestAsync(manifest, cancellationToken);
        foreach (var index in indexes)
            await StoreManifestAsync(index, cancellationToken);

        var name = reference.ToString();
        await _store.TagAsync(name, manifestDescriptor, cancellationToken);
        var repoDigest = $"{reference.Name}@{top.Digest}";
        if (repoDigest != name)
            await _store.TagAsync(repoDigest, manifestDescriptor, cancellationToken);
        return await _store.GetImageAsync(name, cancellationToken)
            ?? throw new InvalidOperationException($"{name} vanished from the image store right after it was tagged");
    }

    private sealed record FetchedManifest(string MediaType, string Digest, byte[] Content);

    private async Task<FetchedManifest> FetchManifestAsync(
        RegistrySession session, ImageReference image, string tagOrDigest, OciDescriptor? expected, CancellationToken cancellationToken)
    {
        using var response = await session.GetAsync($"v2/{session.Repository}/manifests/{tagOrDigest}", RegistryMediaTypes.ManifestAccept, cancellationToken);
        if (!response.IsSuccessStatusCode)
            throw await RegistryErrors.FromResponseAsync(response, $"manifest {image.Name}:{tagOrDigest}", cancellationToken);

        var limit = _options.MaxManifestBytes;
        if (response.Content.Headers.ContentLength > limit)
            throw new ImagePullException($"manifest {image.Name}:{tagOrDigest} is larger than {limit} bytes", ImagePullFailure.Unsupported);
        await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
        var buffer = new byte[limit + 1];
        var length = await stream.ReadAtLeastAsync(buffer, buffer.Length, throwOnEndOfStream: false, cancellationToken);
        if (length > limit)
            throw new ImagePullException($"manifest {image.Name}:{tagOrDigest} is larger than {limit} bytes", ImagePullFailure.Unsupported);
        var content = buffer[..length];

        var digest = "sha256:" + Convert.ToHexStringLower(SHA256.HashData(content));
        if (expected is not null && (digest != expected.Digest || content.Length != expected.Size))
            throw new ImagePullException($"manifest {expected.Digest} of {image} has digest {digest} and {content.Length} bytes (expected {expected.Size})", ImagePullFailure.DigestMismatch);
        // The registry's own view of the digest must agree with the bytes it sent.
        if (response.Headers.TryGetValues("Docker-Content-Digest", out var claimed)
            && claimed.FirstOrDefault() is { } claim && claim.StartsWith("sha256:", StringComparison.Ordinal) && claim != digest)
            throw new ImagePullException($"manifest {image.Name}:{tagOrDigest} has digest {digest} but the registry says {claim}", ImagePullFailure.DigestMismatch);

        var mediaType = RegistryMediaTypes.Detect(response.Content.Headers.ContentType?.MediaType, content);
        return new FetchedManifest(mediaType, digest, content);
    }

    private OciDescriptor SelectPlatform(ImageReference reference, OciIndex index)
    {
        var wanted = _options.Platform;
        var candidates = (index.Manifests ?? [])
            .Where(m => m.Platform is { } p && p.Os == wanted.Os && p.Architecture == wanted.Architecture)
            .ToList();
        // A variant is only a preference: "arm64" images often omit "v8".
        var chosen = candidates.FirstOrDefault(m => wanted.Variant is not null && m.Platform!.Variant == wanted.Variant)
            ?? candidates.FirstOrDefault();
        if (chosen is null)
        {
            var available = string.Join(", ", (index.Manifests ?? []).Where(m => m.Platform is not null)
                .Select(m => $"{m.Platform!.Os}/{m.Platform.Architecture}{(m.Platform.Variant is null ? "" : "/" + m.Platform.Variant)}").Distinct());
            throw new ImagePullException(
                $"{reference}: no manifest for {wanted.Os}/{wanted.Architecture} in the image index (it has: {(available.Length == 0 ? "none" : available)})",
                ImagePullFailure.Unsupported);
        }
        RequireSha256(reference, chosen);
        return chosen;
    }

    private static void Validate(ImageReference reference, OciManifest manifest)
    {
        if (manifest.Config is null || manifest.Layers is null)
            throw new ImagePullException($"{reference}: manifest lacks config or layers", ImagePullFailure.Unsupported);
        if (!RegistryMediaTypes.IsConfig(manifest.Config.MediaType))
            throw new ImagePullException($"{reference}: not a container image (config type \"{manifest.Config.MediaType}\")", ImagePullFailure.Unsupported);
        RequireSha256(reference, manifest.Config);
        foreach (var layer in manifest.Layers)
        {
            if (!RegistryMediaTypes.IsLayer(layer.MediaType))
                throw new ImagePullException($"{reference}: unsupported layer type \"{layer.MediaType}\"", ImagePullFailure.Unsupported);
            RequireSha256(reference, layer);
        }
    }

    // Digests end up in URLs and file names, so only the one well-formed kind the store holds is accepted.
    private static void RequireSha256(ImageReference reference, OciDescriptor descriptor)
    {
        var digest = descriptor.Digest ?? "";
        if (!digest.StartsWith("sha256:", StringComparison.Ordinal) || digest.Length != 71 || !digest[7..].All(c => c is (>= '0' and <= '9') or (>= 'a' and <= 'f')))
            throw new ImagePullException($"{reference}: unsupported digest \"{digest}\"", ImagePullFailure.Unsupported);
        if (descriptor.Size < 0)
            throw new ImagePullException($"{reference}: negative size for {digest}", ImagePullFailure.Unsupported);
    }

    private async Task FetchBlobAsync(RegistrySession session, ImageReference reference, OciDescriptor blob, CancellationToken cancellationToken)
    {
        if (await _store.ContainsBlobAsync(blob.Digest, cancellationToken))
            return;
        using var response = await session.GetAsync($"v2/{session.Repository}/blobs/{blob.Digest}", accept: null, cancellationToken);
        if (!response.IsSuccessStatusCode)
            throw await RegistryErrors.FromResponseAsync(response, $"blob {blob.Digest} of {reference}", cancellationToken);
        await using var content = new DigestVerifyingStream(await response.Content.ReadAsStreamAsync(cancellationToken), blob);
        var stored = await _store.WriteBlobAsync(content, blob.MediaType, cancellationToken);
        if (stored.Digest != blob.Digest)
            throw new ImagePullException($"blob {blob.Digest} of {reference} was stored as {stored.Digest}", ImagePullFailure.DigestMismatch);
    }

    private async Task<OciDescriptor> StoreManifestAsync(FetchedManifest manifest, CancellationToken cancellationToken)
    {
        var descriptor = new OciDescriptor(manifest.MediaType, manifest.Digest, manifest.Content.Length);
        var stored = await _store.WriteBlobAsync(new MemoryStream(manifest.Content, writable: false), manifest.MediaType, cancellationToken);
        return stored.Digest == descriptor.Digest
            ? descriptor
            : throw new InvalidOperationException($"the image store recorded manifest {descriptor.Digest} as {stored.Digest}");
    }

    private static T Deserialize<T>(FetchedManifest manifest, ImageReference reference)
    {
        try
        {
            return JsonSerializer.Deserialize<T>(manifest.Content, Json)
                ?? throw new ImagePullException($"{reference}: manifest {manifest.Digest} is empty", ImagePullFailure.Unsupported);
        }
        catch (JsonException e)
        {
            throw new ImagePullException($"{reference}: manifest {manifest.Digest} is not valid JSON: {e.Message}", ImagePullFailure.Unsupported, e);
        }
    }

    public void Dispose() => _http.Dispose();
}
