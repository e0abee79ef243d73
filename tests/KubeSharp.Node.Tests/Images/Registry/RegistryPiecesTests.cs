using System.Security.Cryptography;
using KubeSharp.Node.Images;
using KubeSharp.Node.Images.Registry;

namespace KubeSharp.Node.Tests.Images.Registry;

public sealed class RegistryPiecesTests
{
    [Theory]
    [InlineData("docker.io", "https://registry-1.docker.io/")]
    [InlineData("registry.k8s.io", "https://registry.k8s.io/")]
    [InlineData("localhost:5000", "http://localhost:5000/")]
    [InlineData("localhost", "http://localhost/")]
    [InlineData("127.0.0.1:5000", "http://127.0.0.1:5000/")]
    [InlineData("127.1.2.3:80", "http://127.1.2.3/")]
    [InlineData("[::1]:5000", "http://[::1]:5000/")]
    [InlineData("10.0.0.1:5000", "https://10.0.0.1:5000/")]
    [InlineData("registry.internal:5000", "http://registry.internal:5000/")]
    [InlineData("registry.internal", "https://registry.internal/")]
    public void Resolves_registry_endpoints(string domain, string expected)
    {
        var options = new RegistryOptions { InsecureRegistries = ["registry.internal:5000"] };
        Assert.Equal(expected, RegistryEndpoint.Resolve(domain, options).BaseUri.ToString());
    }

    [Fact]
    public void Parses_bearer_challenges_with_quoted_commas()
    {
        var parameters = AuthChallenge.ParseParameters(
            "realm=\"https://auth.docker.io/token\",service=\"registry.docker.io\",scope=\"repository:library/busybox:pull,push\", error=insufficient_scope");
        Assert.Equal("https://auth.docker.io/token", parameters["realm"]);
        Assert.Equal("registry.docker.io", parameters["service"]);
        Assert.Equal("repository:library/busybox:pull,push", parameters["scope"]);
        Assert.Equal("insufficient_scope", parameters["error"]);
    }

    [Fact]
    public void Docker_hub_keys_match_docker_io_images()
    {
        var auth = Convert.ToBase64String("hubuser:hubpass"u8.ToArray());
        var keyring = DockerConfigKeyring.Parse(TestImages.DockerConfig("https://index.docker.io/v1/", new { auth }));
        var login = Assert.Single(keyring.Lookup(ImageReference.Parse("busybox")));
        Assert.Equal(("hubuser", "hubpass"), (login.Username, login.Password));
        Assert.Empty(keyring.Lookup(ImageReference.Parse("quay.io/busybox")));
        Assert.DoesNotContain("hubpass", login.ToString());
    }

    [Theory]
    [InlineData("registry.example.com", "registry.example.com/team/app", true)]
    [InlineData("https://registry.example.com", "registry.example.com/app", true)]
    [InlineData("registry.example.com:5000", "registry.example.com/app", false)]
    [InlineData("registry.example.com", "registry.example.com:5000/app", false)]
    [InlineData("registry.example.com/team", "registry.example.com/team/app", true)]
    [InlineData("registry.example.com/team", "registry.example.com/teammate/app", false)]
    [InlineData("*.example.com", "eu.example.com/app", true)]
    [InlineData("*.example.com", "a.b.example.com/app", false)]
    [InlineData("docker.io", "nginx", true)]
    [InlineData("registry-1.docker.io", "docker.io/nginx", true)]
    public void Keys_match_like_the_kubelet(string key, string image, bool matches)
    {
        var keyring = DockerConfigKeyring.Parse(TestImages.DockerConfig(key, new { username = "u", password = "p" }));
        Assert.Equal(matches, keyring.Lookup(ImageReference.Parse(image)).Count == 1);
    }

    [Fact]
    public void Identity_tokens_and_malformed_auth_fields()
    {
        var keyring = DockerConfigKeyring.Parse("""{"auths":{"r.example.com":{"username":"<token>","identitytoken":"refresh-me"}}}""");
        Assert.Equal("refresh-me", keyring.Lookup(ImageReference.Parse("r.example.com/x")).Single().IdentityToken);
        Assert.Throws<FormatException>(() => DockerConfigKeyring.Parse("""{"auths":{"r.example.com":{"auth":"bm9jb2xvbg=="}}}"""));
        Assert.Throws<FormatException>(() => DockerConfigKeyring.Parse("not json"));
    }

    [Fact]
    public async Task Verifying_stream_passes_good_content_and_refuses_bad_or_oversized_content()
    {
        var content = RandomNumberGenerator.GetBytes(100_000);
        var descriptor = new OciDescriptor(MediaTypes.OciLayer, "sha256:" + Convert.ToHexStringLower(SHA256.HashData(content)), content.Length);

        var copy = new MemoryStream();
        await new DigestVerifyingStream(new MemoryStream(content), descriptor).CopyToAsync(copy);
        Assert.Equal(content, copy.ToArray());

        var tampered = (byte[])content.Clone();
        tampered[^1] ^= 1;
        var mismatch = await Assert.ThrowsAsync<ImagePullException>(() => new DigestVerifyingStream(new MemoryStream(tampered), descriptor).CopyToAsync(Stream.Null));
        Assert.Equal(ImagePullFailure.DigestMismatch, mismatch.Failure);
        await Assert.ThrowsAsync<ImagePullException>(() => new DigestVerifyingStream(new MemoryStream(content[..^1]), descriptor).CopyToAsync(Stream.Null));
        await Assert.ThrowsAsync<ImagePullException>(() => new DigestVerifyingStream(new MemoryStream([.. content, 0]), descriptor).CopyToAsync(Stream.Null));
    }

    [ZstdFact]
    public async Task Zstd_stream_decodes_concatenated_frames_in_small_reads_and_refuses_truncation()
    {
        var first = RandomNumberGenerator.GetBytes(300_000);
        var second = new byte[500_000]; // compresses to almost nothing, so one input chunk yields many output chunks
        var compressed = TestImages.ZstdBytes(first).Concat(TestImages.ZstdBytes(second)).ToArray();

        var output = new MemoryStream();
        await using (var zstd = new ZstdDecompressionStream(new MemoryStream(compressed)))
        {
            var buffer = new byte[777];
            int n;
            while ((n = await zstd.ReadAsync(buffer)) > 0)
                output.Write(buffer, 0, n);
        }
        Assert.Equal(first.Concat(second).ToArray(), output.ToArray());

        using var syncRead = new ZstdDecompressionStream(new MemoryStream(TestImages.ZstdBytes(first)));
        var syncOutput = new MemoryStream();
        syncRead.CopyTo(syncOutput);
        Assert.Equal(first, syncOutput.ToArray());

        var truncated = compressed[..(compressed.Length / 3)];
        await Assert.ThrowsAsync<InvalidDataException>(() => new ZstdDecompressionStream(new MemoryStream(truncated)).CopyToAsync(Stream.Null));
        await Assert.ThrowsAsync<InvalidDataException>(() => new ZstdDecompressionStream(new MemoryStream("not zstd at all"u8.ToArray())).CopyToAsync(Stream.Null));
    }
}
