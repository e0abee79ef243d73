using System.Formats.Tar;
using System.IO.Compression;
using System.Runtime.InteropServices;
using System.Text.Json;

namespace KubeSharp.Node.Images;

/// <summary>
/// Reads an image tarball in one pass, staging every file as a candidate blob, then interprets it either as
/// a <c>docker save</c> archive (<c>manifest.json</c> with RepoTags and layer tars) or as an OCI image layout
/// (<c>index.json</c> + <c>blobs/</c>). When both are present (newer Docker writes both) <c>manifest.json</c> wins
/// because it carries full repository names.
/// </summary>
internal sealed class ImageImporter(ImageStore store)
{
    private sealed record StagedFile(string TempPath, string Digest, long Size);

    public async Task<IReadOnlyList<string>> ImportAsync(string tarballPath, CancellationToken cancellationToken)
    {
        var staged = new Dictionary<string, StagedFile>(StringComparer.Ordinal);
        try
        {
            await StageAsync(tarballPath, staged, cancellationToken);
            if (staged.ContainsKey("manifest.json"))
                return await ImportDockerSaveAsync(staged, cancellationToken);
            if (staged.ContainsKey("index.json"))
                return await ImportOciLayoutAsync(staged, cancellationToken);
            throw new InvalidDataException($"{tarballPath} is neither a docker save archive nor an OCI image layout");
        }
        finally
        {
            foreach (var file in staged.Values)
                File.Delete(file.TempPath);
        }
    }

    private async Task StageAsync(string tarballPath, Dictionary<string, StagedFile> staged, CancellationToken cancellationToken)
    {
        await using var file = File.OpenRead(tarballPath);
        var magic = new byte[2];
        var isGzip = await file.ReadAsync(magic, cancellationToken) == 2 && magic[0] == 0x1f && magic[1] == 0x8b;
        file.Position = 0;
        await using Stream content = isGzip ? new GZipStream(file, CompressionMode.Decompress) : file;
        using var reader = new TarReader(content);
        while (await reader.GetNextEntryAsync(copyData: false, cancellationToken) is { } entry)
        {
            if (entry.EntryType is not (TarEntryType.RegularFile or TarEntryType.V7RegularFile) || entry.DataStream is null)
                continue;
            var name = LayerUnpacker.CleanName(entry.Name);
            if (name is null)
                continue;
            var temp = Path.Combine(store.TempDirectory, "import-" + Guid.NewGuid().ToString("N"));
            await using (var target = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 64 * 1024, FileOptions.Asynchronous))
            {
                var (digest, size) = await ImageStore.CopyHashingAsync(entry.DataStream, target, cancellationToken);
                staged[name] = new StagedFile(temp, digest, size);
            }
        }
    }

    private async Task<IReadOnlyList<string>> ImportDockerSaveAsync(Dictionary<string, StagedFile> staged, CancellationToken cancellationToken)
    {
        var manifests = JsonSerializer.Deserialize<List<DockerSaveManifest>>(await File.ReadAllBytesAsync(staged["manifest.json"].TempPath, cancellationToken))
            ?? throw new InvalidDataException("manifest.json is empty");
        var references = new List<string>();
        foreach (var entry in manifests)
        {
            var config = Commit(staged, entry.Config, MediaTypes.OciConfig);
            var layers = new List<OciDescriptor>();
            foreach (var layerName in entry.Layers)
            {
                var layer = Commit(staged, layerName, MediaTypes.OciLayer);
                layers.Add(IsGzip(store.BlobPath(layer.Digest)) ? layer with { MediaType = MediaTypes.OciLayerGzip } : layer);
            }
            var manifest = await store.WriteJsonBlobAsync(new OciManifest(2, MediaTypes.OciManifest, config, layers), MediaTypes.OciManifest, cancellationToken);
            foreach (var tag in entry.RepoTags ?? [])
            {
                await store.TagAsync(tag, manifest, cancellationToken);
                references.Add(ImageReference.Normalize(tag));
            }
        }
        return references;
    }

    private async Task<IReadOnlyList<string>> ImportOciLayoutAsync(Dictionary<string, StagedFile> staged, CancellationToken cancellationToken)
    {
        // Every blob is committed under its verified digest first, so manifests can then be read from the store.
        foreach (var (name, file) in staged)
        {
            if (!name.StartsWith("blobs/sha256/", StringComparison.Ordinal))
                continue;
            if (file.Digest[7..] != name["blobs/sha256/".Length..])
                throw new InvalidDataException($"blob {name} does not match its content digest {file.Digest}");
            store.CommitBlob(file.TempPath, file.Digest);
        }

        var index = JsonSerializer.Deserialize<OciIndex>(await File.ReadAllBytesAsync(staged["index.json"].TempPath, cancellationToken))
            ?? throw new InvalidDataException("index.json is empty");
        var references = new List<string>();
        foreach (var descriptor in index.Manifests)
        {
            var name = descriptor.Annotations?.GetValueOrDefault(Annotations.ImageName)
                ?? descriptor.Annotations?.GetValueOrDefault(Annotations.RefName);
            // A bare tag ("latest") in ref.name names no repository; such entries cannot be addressed, so they are skipped.
            if (name is null || !ImageReference.TryParse(name, out var parsed) || !(name.Contains('/') || name.Contains(':')))
                continue;
            var manifest = await ResolvePlatformManifestAsync(descriptor, cancellationToken);
            await store.TagAsync(parsed!.ToString(), manifest, cancellationToken);
            references.Add(parsed.ToString());
        }
        return references;
    }

    private async Task<OciDescriptor> ResolvePlatformManifestAsync(OciDescriptor descriptor, CancellationToken cancellationToken)
    {
        while (MediaTypes.IsIndex(descriptor.MediaType))
        {
            var nested = await store.ReadBlobJsonAsync<OciIndex>(descriptor.Digest, cancellationToken);
            var architecture = CurrentArchitecture();
            descriptor = nested.Manifests.FirstOrDefault(m => m.Platform is { Os: "linux" } p && p.Architecture == architecture)
                ?? nested.Manifests.FirstOrDefault(m => m.Platform is null)
                ?? throw new InvalidDataException($"image index {descriptor.Digest} has no manifest for linux/{architecture}");
        }
        return descriptor;
    }

    internal static string CurrentArchitecture() => RuntimeInformation.OSArchitecture switch
    {
        Architecture.X64 => "amd64",
        Architecture.Arm64 => "arm64",
        Architecture.Arm => "arm",
        Architecture.X86 => "386",
        var other => other.ToString().ToLowerInvariant(),
    };

    private OciDescriptor Commit(Dictionary<string, StagedFile> staged, string name, string mediaType)
    {
        var file = Get(staged, name);
        store.CommitBlob(file.TempPath, file.Digest);
        return new OciDescriptor(mediaType, file.Digest, file.Size);
    }

    private static StagedFile Get(Dictionary<string, StagedFile> staged, string name) =>
        staged.TryGetValue(LayerUnpacker.CleanName(name) ?? name, out var file)
            ? file
            : throw new InvalidDataException($"the archive lacks {name}");

    private static bool IsGzip(string path)
    {
        Span<byte> head = stackalloc byte[2];
        using var stream = File.OpenRead(path);
        return stream.Read(head) == 2 && head[0] == 0x1f && head[1] == 0x8b;
    }
}
