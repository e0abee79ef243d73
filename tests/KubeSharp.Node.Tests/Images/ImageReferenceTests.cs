using KubeSharp.Node.Images;

namespace KubeSharp.Node.Tests.Images;

public sealed class ImageReferenceTests
{
    private const string Digest = "sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

    [Theory]
    [InlineData("busybox", "docker.io/library/busybox:latest")]
    [InlineData("busybox:1.36", "docker.io/library/busybox:1.36")]
    [InlineData("foo/bar:1", "docker.io/foo/bar:1")]
    [InlineData("docker.io/library/nginx", "docker.io/library/nginx:latest")]
    [InlineData("index.docker.io/nginx", "docker.io/library/nginx:latest")]
    [InlineData("localhost/app", "localhost/app:latest")]
    [InlineData("localhost:5000/x@" + Digest, "localhost:5000/x@" + Digest)]
    [InlineData("registry.k8s.io/pause:3.9", "registry.k8s.io/pause:3.9")]
    [InlineData("quay.io/a/b/c:v1@" + Digest, "quay.io/a/b/c:v1@" + Digest)]
    public void Normalises_like_docker(string input, string expected) =>
        Assert.Equal(expected, ImageReference.Normalize(input));

    [Theory]
    [InlineData("Busybox")]
    [InlineData("foo/Bar")]
    [InlineData("busybox@sha256:short")]
    [InlineData("")]
    [InlineData("bad name")]
    public void Rejects_invalid_references(string input) =>
        Assert.False(ImageReference.TryParse(input, out _));
}
