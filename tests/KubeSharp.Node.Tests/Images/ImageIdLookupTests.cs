using KubeSharp.Node.Images;
using KubeSharp.Node.Tests.Images.Registry;

namespace KubeSharp.Node.Tests.Images;

public sealed class ImageIdLookupTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "kubesharp-idlookup-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_root))
            Directory.Delete(_root, recursive: true);
    }

    private static async Task<OciDescriptor> StoreAsync(ImageStore store, TestImage image)
    {
        foreach (var blob in image.Blobs.Append(image.Manifest))
            await store.WriteBlobAsync(new MemoryStream(blob.Content), blob.MediaType, CancellationToken.None);
        return image.Manifest.Descriptor();
    }

    [Fact]
    public async Task An_id_shared_by_two_manifests_of_the_same_config_finds_the_image_and_distinct_ids_stay_ambiguous()
    {
        var store = new ImageStore(_root);
        var tar = TestImages.Tar(("bin/tool", "v1"));
        // The same config and layer content, once compressed and once not: a re-pushed copy of one image.
        var gzip = TestImages.Image("same", [(TestImages.Gzip(tar), tar)]);
        var plain = TestImages.Image("same", [(TestImages.Uncompressed(tar), tar)]);
        Assert.Equal(gzip.Config.Digest, plain.Config.Digest);
        Assert.NotEqual(gzip.Manifest.Digest, plain.Manifest.Digest);
        await store.TagAsync("docker.io/library/local:latest", await StoreAsync(store, gzip), CancellationToken.None);
        await store.TagAsync("127.0.0.1:5000/copy:v1", await StoreAsync(store, plain), CancellationToken.None);

        var byId = await store.GetImageAsync(gzip.Config.Digest, CancellationToken.None);
        Assert.NotNull(byId);
        Assert.Equal(gzip.Config.Digest, byId.Id);

        // A prefix that two different images share names neither.
        var other = TestImages.Image("other", [(TestImages.Gzip(tar), tar)]);
        await store.TagAsync("docker.io/library/other:latest", await StoreAsync(store, other), CancellationToken.None);
        Assert.Null(await store.GetImageAsync("sha256:", CancellationToken.None));
    }
}
