using KubeSharp.Node.Images;
using KubeSharp.Node.Images.Registry;

namespace KubeSharp.Node.Tests.Images.Registry;

/// <summary>Auth flows, redirects and failures against an in-process registry; no unpacking, so no root needed.</summary>
public sealed class FakeRegistryPullTests : IDisposable
{
    private static readonly RegistryOptions Amd64 = new() { Platform = new OciPlatform("amd64", "linux") };
    private static readonly (string, string) Login = ("robot", "p@ss:word");

    private readonly string _root = Path.Combine(Path.GetTempPath(), "kubesharp-fakepull-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_root))
            Directory.Delete(_root, recursive: true);
    }

    private static TestImage SmallImage(string marker, int layers = 2)
    {
        var list = Enumerable.Range(0, layers).Select(i =>
        {
            var tar = TestImages.Tar(($"file{i}", $"{marker}-{i}"));
            return (i % 2 == 0 ? TestImages.Gzip(tar) : TestImages.Uncompressed(tar), tar);
        }).ToList();
        return TestImages.Image(marker, list);
    }

    [Fact]
    public async Task Bearer_token_dance_with_basic_credentials_and_no_auth_header_on_redirected_blobs()
    {
        await using var registry = await FakeRegistry.StartAsync(FakeRegistry.AuthMode.Bearer, Login, redirectBlobs: true);
        var image = SmallImage("bearer", layers: 3);
        registry.Add("org/app", "v1", image);

        var store = new ImageStore(_root);
        using var puller = new RegistryImagePuller(store, Amd64);
        var pulled = await puller.PullAsync(ImageReference.Parse($"{registry.Host}/org/app:v1"), new RegistryCredentials("robot", "p@ss:word"), CancellationToken.None);

        Assert.Equal(image.Config.Digest, pulled.Id);
        Assert.Equal([$"{registry.Host}/org/app@{image.Manifest.Digest}"], pulled.RepoDigests);
        // One token for the whole pull, asked for the pull scope of this repository at the challenge's service.
        var token = Assert.Single(registry.Requests, r => r.Path == "/token");
        Assert.Contains("service=fake-registry", token.Query);
        Assert.Contains("scope=repository%3Aorg%2Fapp%3Apull", token.Query);
        Assert.Contains("account=robot", token.Query);
        Assert.StartsWith("Basic ", token.Authorization);
        // Registry requests carry the token; the storage host blobs are redirected to never sees it.
        Assert.All(registry.Requests.Where(r => r.Path.StartsWith("/v2/org/app/blobs/", StringComparison.Ordinal)),
            r => Assert.StartsWith("Bearer token-", r.Authorization));
        var storage = registry.Requests.Where(r => r.Path.StartsWith("/storage/", StringComparison.Ordinal)).ToList();
        Assert.Equal(4, storage.Count);
        Assert.All(storage, r => Assert.Null(r.Authorization));
        Assert.All(storage, r => Assert.Equal("localhost", r.Host));

        // A second pull of the same image reuses the token and skips the blobs it already has.
        await puller.PullAsync(ImageReference.Parse($"{registry.Host}/org/app:v1"), new RegistryCredentials("robot", "p@ss:word"), CancellationToken.None);
        Assert.Equal(1, registry.TokenRequests);
        Assert.Equal(4, registry.Requests.Count(r => r.Path.StartsWith("/storage/", StringComparison.Ordinal)));
    }

    private sealed class ManualTime : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = new(2030, 1, 1, 0, 0, 0, TimeSpan.Zero);

        public override DateTimeOffset GetUtcNow() => Now;
    }

    [Fact]
    public async Task Tokens_are_fetched_again_once_they_expire()
    {
        await using var registry = await FakeRegistry.StartAsync(FakeRegistry.AuthMode.Bearer);
        var image = SmallImage("expiry");
        registry.Add("org/app", "v1", image);
        var time = new ManualTime();
        using var puller = new RegistryImagePuller(new ImageStore(_root), Amd64, timeProvider: time);
        var reference = ImageReference.Parse($"{registry.Host}/org/app:v1");

        await puller.PullAsync(reference, CancellationToken.None);
        time.Now += TimeSpan.FromSeconds(200); // the fake's tokens live 300 s
        await puller.PullAsync(reference, CancellationToken.None);
        Assert.Equal(1, registry.TokenRequests);
        time.Now += TimeSpan.FromSeconds(200);
        await puller.PullAsync(reference, CancellationToken.None);
        Assert.Equal(2, registry.TokenRequests);
    }

    [Fact]
    public async Task Anonymous_bearer_tokens_work_for_public_images()
    {
        await using var registry = await FakeRegistry.StartAsync(FakeRegistry.AuthMode.Bearer);
        var image = SmallImage("public");
        registry.Add("library/busybox", "latest", image);
        using var puller = new RegistryImagePuller(new ImageStore(_root), Amd64);
        var pulled = await puller.PullAsync(ImageReference.Parse($"{registry.Host}/library/busybox"), CancellationToken.None);
        Assert.Equal(image.Config.Digest, pulled.Id);
        Assert.Null(Assert.Single(registry.Requests, r => r.Path == "/token").Authorization);
    }

    [Fact]
    public async Task Rejected_credentials_are_unauthorized()
    {
        await using var registry = await FakeRegistry.StartAsync(FakeRegistry.AuthMode.Bearer, Login);
        registry.Add("org/app", "v1", SmallImage("x"));
        using var puller = new RegistryImagePuller(new ImageStore(_root), Amd64);
        var error = await Assert.ThrowsAsync<ImagePullException>(() =>
            puller.PullAsync(ImageReference.Parse($"{registry.Host}/org/app:v1"), new RegistryCredentials("robot", "nope"), CancellationToken.None));
        Assert.Equal(ImagePullFailure.Unauthorized, error.Failure);
        Assert.DoesNotContain("nope", error.Message);
    }

    [Fact]
    public async Task Basic_auth_is_sent_after_the_challenge_and_keyring_logins_are_tried_in_turn()
    {
        await using var registry = await FakeRegistry.StartAsync(FakeRegistry.AuthMode.Basic, Login);
        var image = SmallImage("basic");
        registry.Add("org/app", "v1", image);
        using var puller = new RegistryImagePuller(new ImageStore(_root), Amd64);
        var reference = ImageReference.Parse($"{registry.Host}/org/app:v1");

        var anonymous = await Assert.ThrowsAsync<ImagePullException>(() => puller.PullAsync(reference, CancellationToken.None));
        Assert.Equal(ImagePullFailure.Unauthorized, anonymous.Failure);

        // The more specific (path) key is tried first and refused; the host-wide one then succeeds.
        var keyring = DockerConfigKeyring.Combine([
            DockerConfigKeyring.Parse(TestImages.DockerConfig($"{registry.Host}/org", new { username = "robot", password = "stale" })),
            DockerConfigKeyring.Parse(TestImages.DockerConfig(registry.Host, new { username = "robot", password = "p@ss:word" }, legacy: true)),
        ]);
        Assert.Equal(["stale", "p@ss:word"], keyring.Lookup(reference).Select(c => c.Password));
        var pulled = await puller.PullAsync(reference, keyring, CancellationToken.None);
        Assert.Equal(image.Config.Digest, pulled.Id);
    }

    [Fact]
    public async Task A_blob_that_does_not_match_its_digest_fails_the_pull_and_is_not_stored()
    {
        await using var registry = await FakeRegistry.StartAsync();
        var image = SmallImage("corrupt", layers: 3);
        registry.Add("org/app", "v1", image);
        var corrupted = image.Layers[2].Digest;
        registry.Corrupt(corrupted);

        var store = new ImageStore(_root);
        using var puller = new RegistryImagePuller(store, Amd64);
        var error = await Assert.ThrowsAsync<ImagePullException>(() =>
            puller.PullAsync(ImageReference.Parse($"{registry.Host}/org/app:v1"), CancellationToken.None));
        Assert.Equal(ImagePullFailure.DigestMismatch, error.Failure);
        await StoreAssertions.AssertNothingHalfStoredAsync(store, image, corrupted);
    }

    [Fact]
    public async Task A_manifest_that_does_not_match_the_requested_digest_is_refused()
    {
        await using var registry = await FakeRegistry.StartAsync();
        var image = SmallImage("one");
        var other = SmallImage("two");
        // The registry answers a by-digest request with another manifest.
        registry.Add("org/app", image.Manifest.Digest, other.Manifest, other.Blobs);
        using var puller = new RegistryImagePuller(new ImageStore(_root), Amd64);
        var error = await Assert.ThrowsAsync<ImagePullException>(() =>
            puller.PullAsync(ImageReference.Parse($"{registry.Host}/org/app@{image.Manifest.Digest}"), CancellationToken.None));
        Assert.Equal(ImagePullFailure.DigestMismatch, error.Failure);
    }

    [Fact]
    public async Task Schema1_manifests_and_unknown_layer_types_are_unsupported()
    {
        await using var registry = await FakeRegistry.StartAsync();
        registry.Add("old/app", "v1", new TestBlob("application/vnd.docker.distribution.manifest.v1+prettyjws", """{"schemaVersion":1,"name":"old/app","tag":"v1","fsLayers":[]}"""u8.ToArray()), []);
        var tar = TestImages.Tar(("a", "b"));
        var odd = TestImages.Image("odd", [(new TestBlob("application/vnd.oci.image.layer.v1.tar+bzip2", tar), tar)]);
        registry.Add("odd/app", "v1", odd);
        using var puller = new RegistryImagePuller(new ImageStore(_root), Amd64);

        var schema1 = await Assert.ThrowsAsync<ImagePullException>(() => puller.PullAsync(ImageReference.Parse($"{registry.Host}/old/app:v1"), CancellationToken.None));
        Assert.Equal(ImagePullFailure.Unsupported, schema1.Failure);
        Assert.Contains("schema 1", schema1.Message);
        var bzip2 = await Assert.ThrowsAsync<ImagePullException>(() => puller.PullAsync(ImageReference.Parse($"{registry.Host}/odd/app:v1"), CancellationToken.None));
        Assert.Equal(ImagePullFailure.Unsupported, bzip2.Failure);
    }

    [Fact]
    public async Task Unreachable_registries_are_registry_errors()
    {
        int port;
        await using (var registry = await FakeRegistry.StartAsync())
            port = registry.Port;
        using var puller = new RegistryImagePuller(new ImageStore(_root), Amd64);
        var error = await Assert.ThrowsAsync<ImagePullException>(() =>
            puller.PullAsync(ImageReference.Parse($"127.0.0.1:{port}/gone:v1"), CancellationToken.None));
        Assert.Equal(ImagePullFailure.RegistryError, error.Failure);
    }
}
