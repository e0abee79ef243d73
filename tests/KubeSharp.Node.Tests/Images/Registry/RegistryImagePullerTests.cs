using KubeSharp.Node.Images;
using KubeSharp.Node.Images.Registry;

namespace KubeSharp.Node.Tests.Images.Registry;

/// <summary>Pulls from a real registry (Debian's docker-registry) on loopback into a fresh store.</summary>
public sealed class RegistryImagePullerTests : IDisposable
{
    private static readonly RegistryOptions Amd64 = new() { Platform = new OciPlatform("amd64", "linux") };

    private readonly string _root = Path.Combine(Path.GetTempPath(), "kubesharp-pull-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_root))
            Directory.Delete(_root, recursive: true);
    }

    [RegistryFact]
    public async Task Pulls_a_docker_schema2_image_with_gzip_and_uncompressed_layers_and_unpacks_it()
    {
        await using var registry = await LocalRegistry.StartAsync();
        var lowerTar = TestImages.Tar(("etc/os-release", "lower"), ("bin/tool", "v1"));
        var upperTar = TestImages.Tar(("bin/tool", "v2"));
        var image = TestImages.Image("schema2",
            [(TestImages.Gzip(lowerTar, MediaTypes.DockerLayerGzip), lowerTar), (new TestBlob("application/vnd.docker.image.rootfs.diff.tar", upperTar), upperTar)],
            manifestType: MediaTypes.DockerManifest, configType: "application/vnd.docker.container.image.v1+json");
        await registry.PushAsync("team/app", "v1", image);

        var store = new ImageStore(_root);
        using var puller = new RegistryImagePuller(store, Amd64);
        var pulled = await puller.PullAsync(ImageReference.Parse($"{registry.Host}/team/app:v1"), CancellationToken.None);

        Assert.Equal(image.Config.Digest, pulled.Id);
        Assert.Equal(image.Manifest.Digest, pulled.ManifestDigest);
        Assert.Equal([$"{registry.Host}/team/app@{image.Manifest.Digest}"], pulled.RepoDigests);
        Assert.Contains($"{registry.Host}/team/app:v1", pulled.References);
        Assert.Equal(image.Layers.Select(l => l.Digest), pulled.Layers.Select(l => l.Digest));
        Assert.Equal(["MARKER=schema2"], pulled.RuntimeConfig.Env);
        foreach (var blob in image.Blobs.Append(image.Manifest))
            Assert.Equal(blob.Content, await File.ReadAllBytesAsync(store.BlobPath(blob.Digest)));

        var layers = await store.GetLayerDirectoriesAsync(pulled, CancellationToken.None);
        Assert.Equal("lower", await File.ReadAllTextAsync(Path.Combine(layers[0], "etc/os-release")));
        Assert.Equal("v1", await File.ReadAllTextAsync(Path.Combine(layers[0], "bin/tool")));
        Assert.Equal("v2", await File.ReadAllTextAsync(Path.Combine(layers[1], "bin/tool")));

        // The image is found again by both of its names.
        Assert.Equal(pulled.Id, (await store.GetImageAsync($"{registry.Host}/team/app:v1", CancellationToken.None))!.Id);
        Assert.Equal(pulled.Id, (await store.GetImageAsync($"{registry.Host}/team/app@{image.Manifest.Digest}", CancellationToken.None))!.Id);
    }

    [RegistryFact]
    public async Task Picks_linux_amd64_from_an_index_and_records_the_index_digest_as_repo_digest()
    {
        await using var registry = await LocalRegistry.StartAsync();
        var amd64Tar = TestImages.Tar(("arch", "amd64"));
        var arm64Tar = TestImages.Tar(("arch", "arm64"));
        var amd64 = TestImages.Image("amd64", [(TestImages.Gzip(amd64Tar), amd64Tar)]);
        var arm64 = TestImages.Image("arm64", [(TestImages.Gzip(arm64Tar), arm64Tar)], architecture: "arm64");
        var index = TestImages.Index(MediaTypes.OciIndex, (arm64, new OciPlatform("arm64", "linux", "v8")), (amd64, new OciPlatform("amd64", "linux")));
        await registry.PushAsync("multi", amd64.Manifest.Digest, amd64);
        await registry.PushAsync("multi", arm64.Manifest.Digest, arm64);
        await registry.PushAsync("multi", "latest", index, []);

        var store = new ImageStore(_root);
        using var puller = new RegistryImagePuller(store, Amd64);
        var pulled = await puller.PullAsync(ImageReference.Parse($"{registry.Host}/multi"), CancellationToken.None);

        Assert.Equal(amd64.Config.Digest, pulled.Id);
        Assert.Equal(amd64.Manifest.Digest, pulled.ManifestDigest);
        Assert.Equal([$"{registry.Host}/multi@{index.Digest}"], pulled.RepoDigests);
        var blobs = StoreAssertions.BlobDigests(store);
        Assert.DoesNotContain(arm64.Layers[0].Digest, blobs);
        Assert.Contains(index.Digest, blobs);
        var layers = await store.GetLayerDirectoriesAsync(pulled, CancellationToken.None);
        Assert.Equal("amd64", await File.ReadAllTextAsync(Path.Combine(layers[0], "arch")));

        // Pulling by the repo digest resolves the same index and lands on the same image.
        var byDigest = await puller.PullAsync(ImageReference.Parse($"{registry.Host}/multi@{index.Digest}"), CancellationToken.None);
        Assert.Equal(pulled.Id, byDigest.Id);

        using var armPuller = new RegistryImagePuller(new ImageStore(Path.Combine(_root, "arm")), new RegistryOptions { Platform = new OciPlatform("arm64", "linux") });
        var arm = await armPuller.PullAsync(ImageReference.Parse($"{registry.Host}/multi"), CancellationToken.None);
        Assert.Equal(arm64.Config.Digest, arm.Id);

        using var s390xPuller = new RegistryImagePuller(new ImageStore(Path.Combine(_root, "s390x")), new RegistryOptions { Platform = new OciPlatform("s390x", "linux") });
        var s390x = await Assert.ThrowsAsync<ImagePullException>(() => s390xPuller.PullAsync(ImageReference.Parse($"{registry.Host}/multi"), CancellationToken.None));
        Assert.Equal(ImagePullFailure.Unsupported, s390x.Failure);
        Assert.Contains("linux/amd64", s390x.Message);
    }

    [RegistryFact]
    public async Task A_corrupted_blob_fails_the_pull_and_leaves_nothing_half_stored()
    {
        await using var registry = await LocalRegistry.StartAsync();
        var goodTar = TestImages.Tar(("good", "fine"));
        var badTar = TestImages.Tar(("bad", new string('x', 4096)));
        var image = TestImages.Image("corrupt", [(TestImages.Gzip(goodTar), goodTar), (TestImages.Uncompressed(badTar), badTar)]);
        await registry.PushAsync("corrupt", "v1", image);
        var corrupted = image.Layers[1].Digest;
        var data = registry.BlobDataPath(corrupted);
        var bytes = await File.ReadAllBytesAsync(data);
        bytes[bytes.Length / 2] ^= 0xff;
        await File.WriteAllBytesAsync(data, bytes);

        var store = new ImageStore(_root);
        using var puller = new RegistryImagePuller(store, Amd64 with { MaxConcurrentDownloads = 1 });
        var error = await Assert.ThrowsAsync<ImagePullException>(() =>
            puller.PullAsync(ImageReference.Parse($"{registry.Host}/corrupt:v1"), CancellationToken.None));

        Assert.Equal(ImagePullFailure.DigestMismatch, error.Failure);
        Assert.Contains(corrupted, error.Message);
        await StoreAssertions.AssertNothingHalfStoredAsync(store, image, corrupted);
        Assert.Null(await store.GetImageAsync($"{registry.Host}/corrupt:v1", CancellationToken.None));
    }

    [RegistryFact]
    public async Task A_missing_tag_is_reported_as_not_found()
    {
        await using var registry = await LocalRegistry.StartAsync();
        using var puller = new RegistryImagePuller(new ImageStore(_root), Amd64);
        var error = await Assert.ThrowsAsync<ImagePullException>(() =>
            puller.PullAsync(ImageReference.Parse($"{registry.Host}/nothing:here"), CancellationToken.None));
        Assert.Equal(ImagePullFailure.NotFound, error.Failure);
        Assert.Contains("MANIFEST_UNKNOWN", error.Message, StringComparison.OrdinalIgnoreCase);
    }

    [RegistryFact(TestImages.ZstdCli)]
    public async Task Pulls_a_zstd_layer()
    {
        await using var registry = await LocalRegistry.StartAsync();
        var tar = TestImages.Tar(("etc/zstd", "compressed with zstd"), ("big", new string('z', 200_000)));
        var image = TestImages.Image("zstd", [(TestImages.Zstd(tar), tar)]);
        await registry.PushAsync("zstd", "v1", image);

        var store = new ImageStore(_root);
        using var puller = new RegistryImagePuller(store, Amd64);
        var pulled = await puller.PullAsync(ImageReference.Parse($"{registry.Host}/zstd:v1"), CancellationToken.None);

        Assert.Equal(MediaTypes.OciLayerZstd, pulled.Layers[0].MediaType);
        var layers = await store.GetLayerDirectoriesAsync(pulled, CancellationToken.None);
        Assert.Equal("compressed with zstd", await File.ReadAllTextAsync(Path.Combine(layers[0], "etc/zstd")));
        Assert.Equal(200_000, new FileInfo(Path.Combine(layers[0], "big")).Length);
    }

    [RegistryFact(LocalRegistry.Htpasswd)]
    public async Task Basic_auth_registry_needs_the_pull_secret()
    {
        var login = ("puller", "s3cret!");
        await using var registry = await LocalRegistry.StartAsync(basicAuth: login);
        var tar = TestImages.Tar(("private", "yes"));
        var image = TestImages.Image("private", [(TestImages.Gzip(tar), tar)]);
        await registry.PushAsync("private/app", "v1", image, login);
        var reference = ImageReference.Parse($"{registry.Host}/private/app:v1");

        using var puller = new RegistryImagePuller(new ImageStore(_root), Amd64);
        var anonymous = await Assert.ThrowsAsync<ImagePullException>(() => puller.PullAsync(reference, CancellationToken.None));
        Assert.Equal(ImagePullFailure.Unauthorized, anonymous.Failure);
        var wrong = await Assert.ThrowsAsync<ImagePullException>(() =>
            puller.PullAsync(reference, new RegistryCredentials("puller", "wrong"), CancellationToken.None));
        Assert.Equal(ImagePullFailure.Unauthorized, wrong.Failure);

        // As the kubelet gets it: a kubernetes.io/dockerconfigjson secret with a base64 "auth".
        var auth = Convert.ToBase64String("puller:s3cret!"u8.ToArray());
        var keyring = DockerConfigKeyring.Parse(TestImages.DockerConfig($"http://{registry.Host}", new { auth }));
        IImagePuller viaInterface = puller;
        var pulled = await viaInterface.PullAsync(reference, keyring, CancellationToken.None);
        Assert.Equal(image.Config.Digest, pulled.Id);
        var layers = await new ImageStore(_root).GetLayerDirectoriesAsync(pulled, CancellationToken.None);
        Assert.Equal("yes", await File.ReadAllTextAsync(Path.Combine(layers[0], "private")));
    }

    private const string Skopeo = "/usr/bin/skopeo";

    [RegistryFact(Skopeo, BusyboxImageBuilder.DefaultBusyboxPath)]
    public async Task Pulls_busybox_pushed_with_skopeo_from_the_stores_own_oci_layout()
    {
        await using var registry = await LocalRegistry.StartAsync();
        var source = new ImageStore(Path.Combine(_root, "source"));
        var built = await new BusyboxImageBuilder(source).BuildAsync(CancellationToken.None);

        // The store is an OCI image layout whose index entry carries ref.name "latest".
        var info = new System.Diagnostics.ProcessStartInfo(Skopeo) { UseShellExecute = false, RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var argument in new[] { "copy", "--quiet", "--dest-tls-verify=false", $"oci:{source.RootDirectory}:latest", $"docker://{registry.Host}/library/busybox:1.0" })
            info.ArgumentList.Add(argument);
        using (var skopeo = System.Diagnostics.Process.Start(info)!)
        {
            var stderr = skopeo.StandardError.ReadToEndAsync();
            await skopeo.StandardOutput.ReadToEndAsync();
            await skopeo.WaitForExitAsync();
            Assert.True(skopeo.ExitCode == 0, await stderr);
        }

        var store = new ImageStore(Path.Combine(_root, "pulled"));
        using var puller = new RegistryImagePuller(store, Amd64);
        var pulled = await puller.PullAsync(ImageReference.Parse($"{registry.Host}/library/busybox:1.0"), CancellationToken.None);
        Assert.Equal(built.Id, pulled.Id);
        Assert.Equal(["sh"], pulled.RuntimeConfig.Cmd);
        var layers = await store.GetLayerDirectoriesAsync(pulled, CancellationToken.None);
        Assert.Equal(new FileInfo("/bin/busybox").Length, new FileInfo(Path.Combine(layers[0], "bin/busybox")).Length);
        Assert.Equal("/bin/busybox", new FileInfo(Path.Combine(layers[0], "bin/sh")).LinkTarget);
    }
}
