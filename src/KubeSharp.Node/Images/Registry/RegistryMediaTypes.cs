using System.Text.Json;

namespace KubeSharp.Node.Images.Registry;

/// <summary>Which manifest, config and layer media types a registry pull accepts.</summary>
internal static class RegistryMediaTypes
{
    public const string DockerConfig = "application/vnd.docker.container.image.v1+json";
    public const string DockerLayer = "application/vnd.docker.image.rootfs.diff.tar";
    public const string DockerForeignLayerGzip = "application/vnd.docker.image.rootfs.foreign.diff.tar.gzip";
    public const string DockerSchema1 = "application/vnd.docker.distribution.manifest.v1+json";
    public const string DockerSchema1Signed = "application/vnd.docker.distribution.manifest.v1+prettyjws";

    /// <summary>The Accept header of a manifest request: indexes and schema 2 manifests, never schema 1.</summary>
    public static readonly string ManifestAccept = string.Join(", ",
        MediaTypes.OciIndex, MediaTypes.OciManifest, MediaTypes.DockerManifestList, MediaTypes.DockerManifest);

    private static readonly HashSet<string> ImageManifests = [MediaTypes.OciManifest, MediaTypes.DockerManifest];

    private static readonly HashSet<string> Configs = [MediaTypes.OciConfig, DockerConfig];

    // The unpacker sniffs the compression itself; these are the types whose content it can read.
    private static readonly HashSet<string> Layers =
    [
        MediaTypes.OciLayer, MediaTypes.OciLayerGzip, MediaTypes.OciLayerZstd,
        "application/vnd.oci.image.layer.nondistributable.v1.tar",
        "application/vnd.oci.image.layer.nondistributable.v1.tar+gzip",
        "application/vnd.oci.image.layer.nondistributable.v1.tar+zstd",
        MediaTypes.DockerLayerGzip, DockerLayer, DockerForeignLayerGzip,
    ];

    public static bool IsImageManifest(string mediaType) => ImageManifests.Contains(mediaType);

    public static bool IsConfig(string? mediaType) => mediaType is not null && Configs.Contains(mediaType);

    public static bool IsLayer(string? mediaType) => mediaType is not null && Layers.Contains(mediaType);

    public static bool IsKnownManifest(string? mediaType) =>
        mediaType is not null && (ImageManifests.Contains(mediaType) || MediaTypes.IsIndex(mediaType) || mediaType is DockerSchema1 or DockerSchema1Signed);

    /// <summary>
    /// A manifest's type: the Content-Type when it names one, else the document's own <c>mediaType</c> field, else its shape
    /// (some registries serve everything as <c>application/json</c>; OCI made the field optional).
    /// </summary>
    public static string Detect(string? contentType, ReadOnlySpan<byte> body)
    {
        if (IsKnownManifest(contentType))
            return contentType!;
        try
        {
            var reader = new Utf8JsonReader(body);
            using var document = JsonDocument.ParseValue(ref reader);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
                return contentType ?? "";
            if (root.TryGetProperty("mediaType", out var declared) && declared.ValueKind == JsonValueKind.String && IsKnownManifest(declared.GetString()))
                return declared.GetString()!;
            if (root.TryGetProperty("schemaVersion", out var version) && version.ValueKind == JsonValueKind.Number && version.GetInt32() == 1)
                return DockerSchema1;
            if (root.TryGetProperty("manifests", out _))
                return MediaTypes.OciIndex;
            if (root.TryGetProperty("config", out _) && root.TryGetProperty("layers", out _))
                return MediaTypes.OciManifest;
        }
        catch (JsonException)
        {
        }
        return contentType ?? "";
    }
}
