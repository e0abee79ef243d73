using System.Security.Cryptography;
using System.Text.Json;

namespace KubeSharp.Node.Images;

/// <summary>
/// An OCI image layout on disk (<c>oci-layout</c>, <c>index.json</c>, <c>blobs/sha256/…</c>) plus one unpacked directory
/// per layer under <c>layers/</c>. Each index entry is a manifest descriptor annotated with the full normalised reference.
/// </summary>
public sealed class ImageStore : IImageStore
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = false };

    private readonly string _root;
    private readonly SemaphoreSlim _indexLock = new(1, 1);
    private readonly SemaphoreSlim _unpackLock = new(1, 1);

    public ImageStore(string rootDirectory)
    {
        _root = Path.GetFullPath(rootDirectory);
        Directory.CreateDirectory(Path.Combine(_root, "blobs", "sha256"));
        Directory.CreateDirectory(TempDirectory);
        Directory.CreateDirectory(Path.Combine(_root, "layers"));
        var layout = Path.Combine(_root, "oci-layout");
        if (!File.Exists(layout))
            File.WriteAllText(layout, "{\"imageLayoutVersion\":\"1.0.0\"}");
    }

    public string RootDirectory => _root;

    internal string TempDirectory => Path.Combine(_root, "tmp");

    public string BlobPath(string digest)
    {
        if (!digest.StartsWith("sha256:", StringComparison.Ordinal) || digest.Length != 71 || !digest[7..].All(Uri.IsHexDigit))
            throw new ArgumentException($"unsupported digest \"{digest}\"", nameof(digest));
        return Path.Combine(_root, "blobs", "sha256", digest[7..]);
    }

    public Task<IReadOnlyList<string>> ImportAsync(string tarballPath, CancellationToken cancellationToken) =>
        new ImageImporter(this).ImportAsync(tarballPath, cancellationToken);

    public async Task<OciDescriptor> WriteBlobAsync(Stream content, string mediaType, CancellationToken cancellationToken)
    {
        var temp = Path.Combine(TempDirectory, Guid.NewGuid().ToString("N"));
        try
        {
            string digest;
            long size;
            await using (var file = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 64 * 1024, FileOptions.Asynchronous))
            {
                (digest, size) = await CopyHashingAsync(content, file, cancellationToken);
            }
            CommitBlob(temp, digest);
            return new OciDescriptor(mediaType, digest, size);
        }
        finally
        {
            File.Delete(temp);
        }
    }

    public Task<bool> ContainsBlobAsync(string digest, CancellationToken cancellationToken) =>
        Task.FromResult(File.Exists(BlobPath(digest)));

    /// <summary>Moves a fully written temp file into place under its digest; keeps the existing copy if there is one.</summary>
    internal void CommitBlob(string tempPath, string digest)
    {
        var target = BlobPath(digest);
        if (!File.Exists(target))
            File.Move(tempPath, target, overwrite: true);
    }

    internal static async Task<(string Digest, long Size)> CopyHashingAsync(Stream source, Stream destination, CancellationToken cancellationToken)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = new byte[81920];
        long size = 0;
        int n;
        while ((n = await source.ReadAsync(buffer, cancellationToken)) > 0)
        {
            hash.AppendData(buffer, 0, n);
            await destination.WriteAsync(buffer.AsMemory(0, n), cancellationToken);
            size += n;
        }
        return ("sha256:" + Convert.ToHexStringLower(hash.GetHashAndReset()), size);
    }

    internal async Task<T> ReadBlobJsonAsync<T>(string digest, CancellationToken cancellationToken)
    {
        await using var stream = File.OpenRead(BlobPath(digest));
        return await JsonSerializer.DeserializeAsync<T>(stream, Json, cancellationToken)
            ?? throw new InvalidDataException($"blob {digest} is empty");
    }

    internal Task<OciDescriptor> WriteJsonBlobAsync<T>(T value, string mediaType, CancellationToken cancellationToken) =>
        WriteBlobAsync(new MemoryStream(JsonSerializer.SerializeToUtf8Bytes(value, Json)), mediaType, cancellationToken);

    public async Task<LocalImage> TagAsync(string reference, OciDescriptor manifest, CancellationToken cancellationToken)
    {
        var name = ImageReference.Normalize(reference);
        var image = await LoadImageAsync(manifest, [name], cancellationToken); // validates that the blobs are there
        await _indexLock.WaitAsync(cancellationToken);
        try
        {
            var index = await ReadIndexAsync(cancellationToken);
            var tag = ImageReference.Parse(name).Tag;
            var annotations = new Dictionary<string, string> { [Annotations.ImageName] = name };
            if (tag is not null)
                annotations[Annotations.RefName] = tag;
            var entries = index.Manifests.Where(m => ReferenceOf(m) != name)
                .Append(manifest with { Annotations = annotations, Platform = null })
                .ToList();
            await WriteIndexAsync(index with { Manifests = entries }, cancellationToken);
        }
        finally
        {
            _indexLock.Release();
        }
        return (await GetImageAsync(image.Id, cancellationToken))!;
    }

    public async Task<bool> RemoveReferenceAsync(string reference, CancellationToken cancellationToken)
    {
        var name = ImageReference.Normalize(reference);
        await _indexLock.WaitAsync(cancellationToken);
        try
        {
            var index = await ReadIndexAsync(cancellationToken);
            var kept = index.Manifests.Where(m => ReferenceOf(m) != name).ToList();
            if (kept.Count == index.Manifests.Count)
                return false;
            await WriteIndexAsync(index with { Manifests = kept }, cancellationToken);
            return true;
        }
        finally
        {
            _indexLock.Release();
        }
    }

    public async Task<IReadOnlyList<LocalImage>> ListImagesAsync(CancellationToken cancellationToken)
    {
        var index = await ReadIndexAsync(cancellationToken);
        var images = new List<LocalImage>();
        foreach (var group in index.Manifests.GroupBy(m => m.Digest))
        {
            var references = group.Select(ReferenceOf).OfType<string>().Distinct().ToList();
            images.Add(await LoadImageAsync(group.First(), references, cancellationToken));
        }
        return images;
    }

    public async Task<LocalImage?> GetImageAsync(string referenceOrId, CancellationToken cancellationToken)
    {
        var images = await ListImagesAsync(cancellationToken);
        if (ImageReference.TryParse(referenceOrId, out var parsed) && !LooksLikeId(referenceOrId))
        {
            var name = parsed!.ToString();
            return images.FirstOrDefault(i => i.References.Contains(name));
        }
        var hex = referenceOrId.StartsWith("sha256:", StringComparison.Ordinal) ? referenceOrId[7..] : referenceOrId;
        var matches = images.Where(i => i.Id[7..].StartsWith(hex, StringComparison.Ordinal)).ToList();
        // Manifests that differ only in how they were written (a re-pushed copy) share the config, hence the unpacked
        // layers: one image by id. Only distinct ids make a prefix ambiguous.
        return matches.Select(i => i.Id).Distinct().Count() == 1 ? matches[0] : null;
    }

    private static bool LooksLikeId(string s) =>
        s.StartsWith("sha256:", StringComparison.Ordinal) || (s.Length is >= 12 and <= 64 && s.All(Uri.IsHexDigit) && s.Any(char.IsDigit));

    public async Task<IReadOnlyList<string>> GetLayerDirectoriesAsync(LocalImage image, CancellationToken cancellationToken)
    {
        var directories = new List<string>();
        foreach (var layer in image.Layers)
        {
            var directory = Path.Combine(_root, "layers", layer.Digest[7..]);
            if (!Directory.Exists(directory))
                await UnpackAsync(layer, directory, cancellationToken);
            directories.Add(directory);
        }
        return directories;
    }

    private async Task UnpackAsync(OciDescriptor layer, string directory, CancellationToken cancellationToken)
    {
        await _unpackLock.WaitAsync(cancellationToken);
        try
        {
            if (Directory.Exists(directory))
                return;
            // Unpack beside the final place and rename: a crash never leaves a half-unpacked layer that looks complete.
            var staging = Path.Combine(TempDirectory, "layer-" + Guid.NewGuid().ToString("N"));
            try
            {
                await using (var blob = File.OpenRead(BlobPath(layer.Digest)))
                    await LayerUnpacker.UnpackAsync(blob, staging, cancellationToken);
                Directory.Move(staging, directory);
            }
            finally
            {
                if (Directory.Exists(staging))
                    Directory.Delete(staging, recursive: true);
            }
        }
        finally
        {
            _unpackLock.Release();
        }
    }

    private async Task<LocalImage> LoadImageAsync(OciDescriptor manifestDescriptor, IReadOnlyList<string> references, CancellationToken cancellationToken)
    {
        var manifest = await ReadBlobJsonAsync<OciManifest>(manifestDescriptor.Digest, cancellationToken);
        var config = await ReadBlobJsonAsync<ImageConfigFile>(manifest.Config.Digest, cancellationToken);
        foreach (var layer in manifest.Layers)
        {
            if (!File.Exists(BlobPath(layer.Digest)))
                throw new InvalidDataException($"layer blob {layer.Digest} of {manifestDescriptor.Digest} is missing");
        }
        return new LocalImage(manifest.Config.Digest, references, manifestDescriptor.Digest, config, manifest.Layers);
    }

    private static string? ReferenceOf(OciDescriptor descriptor) =>
        descriptor.Annotations is { } a && a.TryGetValue(Annotations.ImageName, out var name) ? name : null;

    private string IndexPath => Path.Combine(_root, "index.json");

    private async Task<OciIndex> ReadIndexAsync(CancellationToken cancellationToken)
    {
        if (!File.Exists(IndexPath))
            return new OciIndex(2, MediaTypes.OciIndex, []);
        await using var stream = File.OpenRead(IndexPath);
        return await JsonSerializer.DeserializeAsync<OciIndex>(stream, Json, cancellationToken)
            ?? new OciIndex(2, MediaTypes.OciIndex, []);
    }

    private async Task WriteIndexAsync(OciIndex index, CancellationToken cancellationToken)
    {
        var temp = IndexPath + ".tmp";
        await File.WriteAllBytesAsync(temp, JsonSerializer.SerializeToUtf8Bytes(index, Json), cancellationToken);
        File.Move(temp, IndexPath, overwrite: true);
    }
}
