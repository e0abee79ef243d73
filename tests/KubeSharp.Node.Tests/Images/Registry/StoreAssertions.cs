using KubeSharp.Node.Images;

namespace KubeSharp.Node.Tests.Images.Registry;

internal static class StoreAssertions
{
    public static IReadOnlyList<string> BlobDigests(ImageStore store) =>
        Directory.GetFiles(Path.Combine(store.RootDirectory, "blobs", "sha256")).Select(f => "sha256:" + Path.GetFileName(f)).Order().ToList();

    /// <summary>A failed pull must leave no manifest, no tag, no unverified blob and no temp file behind.</summary>
    public static async Task AssertNothingHalfStoredAsync(ImageStore store, TestImage image, string corruptedDigest)
    {
        var blobs = BlobDigests(store);
        Assert.DoesNotContain(image.Manifest.Digest, blobs);
        Assert.DoesNotContain(corruptedDigest, blobs);
        Assert.Empty(await store.ListImagesAsync(CancellationToken.None));
        Assert.Empty(Directory.GetFileSystemEntries(Path.Combine(store.RootDirectory, "tmp")));
        // Whatever did land is verified content of this image (a retry can reuse it), never bytes that failed a check.
        var verified = image.Blobs.Select(b => b.Digest).Where(d => d != corruptedDigest).ToHashSet();
        Assert.All(blobs, digest => Assert.Contains(digest, verified));
        foreach (var digest in blobs)
        {
            await using var file = File.OpenRead(store.BlobPath(digest));
            Assert.Equal(digest, "sha256:" + Convert.ToHexStringLower(await System.Security.Cryptography.SHA256.HashDataAsync(file)));
        }
    }
}
