using KubeSharp.E2E.Tests.Infrastructure;

namespace KubeSharp.E2E.Tests;

public sealed class SmokeTests(ServerFixture fx) : IClassFixture<ServerFixture>
{
    [Fact]
    public async Task KubectlReachesTheServerOverHttpsWithClientCertificates()
    {
        var version = await fx.Kubectl.OkAsync("version", "-o", "json");
        Assert.Contains("\"minor\": \"32\"", version);
        var namespaces = await fx.Kubectl.OkAsync("get", "namespaces");
        Assert.Contains("kube-system", namespaces);
        Assert.Contains("default", namespaces);
    }

    [Fact]
    public async Task ConfigMapRoundTripsThroughCreateGetAndDelete()
    {
        var ns = await fx.NamespaceAsync("smoke");
        await fx.Kubectl.OkAsync("-n", ns, "create", "configmap", "cfg1", "--from-literal=a=1");
        var json = await fx.Kubectl.OkAsync("-n", ns, "get", "configmap", "cfg1", "-o", "jsonpath={.data.a}");
        Assert.Equal("1", json);
        var again = await fx.Kubectl.RunAsync("-n", ns, "create", "configmap", "cfg1", "--from-literal=a=1");
        Assert.NotEqual(0, again.ExitCode);
        Assert.Contains("configmaps \"cfg1\" already exists", again.Stderr);
        await fx.Kubectl.OkAsync("-n", ns, "delete", "configmap", "cfg1");
        var missing = await fx.Kubectl.RunAsync("-n", ns, "get", "configmap", "cfg1");
        Assert.Contains("Error from server (NotFound): configmaps \"cfg1\" not found", missing.Stderr);
    }
}
