using KubeSharp.E2E.Tests.Infrastructure;

namespace KubeSharp.E2E.Tests;

/// <summary>Deletion with its propagation policies, namespaces terminating, and state surviving restarts.</summary>
public sealed class LifecycleTests(ServerFixture fx) : IClassFixture<ServerFixture>
{
    static string Owned(string ns, string owner, string ownerUid, string name) => $$"""
        apiVersion: v1
        kind: ConfigMap
        metadata:
          name: {{name}}
          namespace: {{ns}}
          ownerReferences:
          - apiVersion: v1
            kind: ConfigMap
            name: {{owner}}
            uid: {{ownerUid}}
        """;

    [Fact]
    public async Task DeleteCascadesToOwnedObjectsUnlessOrphaned()
    {
        var ns = await fx.NamespaceAsync("gc");
        await fx.Kubectl.OkAsync("-n", ns, "create", "configmap", "owner");
        var uid = await fx.Kubectl.OkAsync("-n", ns, "get", "cm", "owner", "-o", "jsonpath={.metadata.uid}");
        await fx.Kubectl.ApplyAsync(Owned(ns, "owner", uid, "child"));
        await fx.Kubectl.OkAsync("-n", ns, "delete", "cm", "owner");
        await fx.Kubectl.EventuallyAsync(o => !o.Contains("child"), TimeSpan.FromSeconds(20), "-n", ns, "get", "cm", "-o", "name");

        await fx.Kubectl.OkAsync("-n", ns, "create", "configmap", "owner2");
        var uid2 = await fx.Kubectl.OkAsync("-n", ns, "get", "cm", "owner2", "-o", "jsonpath={.metadata.uid}");
        await fx.Kubectl.ApplyAsync(Owned(ns, "owner2", uid2, "orphan"));
        await fx.Kubectl.OkAsync("-n", ns, "delete", "cm", "owner2", "--cascade=orphan");
        await Task.Delay(1500);
        Assert.Equal("", await fx.Kubectl.OkAsync("-n", ns, "get", "cm", "orphan", "-o", "jsonpath={.metadata.ownerReferences}"));

        await fx.Kubectl.OkAsync("-n", ns, "create", "configmap", "owner3");
        var uid3 = await fx.Kubectl.OkAsync("-n", ns, "get", "cm", "owner3", "-o", "jsonpath={.metadata.uid}");
        await fx.Kubectl.ApplyAsync(Owned(ns, "owner3", uid3, "fg-child"));
        await fx.Kubectl.OkAsync("-n", ns, "delete", "cm", "owner3", "--cascade=foreground");
        var left = await fx.Kubectl.OkAsync("-n", ns, "get", "cm", "-o", "name");
        Assert.DoesNotContain("owner3", left);
        Assert.DoesNotContain("fg-child", left);
    }

    [Fact]
    public async Task DeletingANamespaceRemovesItsContents()
    {
        var ns = await fx.NamespaceAsync("doomed");
        await fx.Kubectl.OkAsync("-n", ns, "create", "configmap", "a");
        await fx.Kubectl.OkAsync("-n", ns, "create", "deployment", "d", "--image=busybox");
        await fx.Kubectl.OkAsync("delete", "namespace", ns, "--timeout=60s");
        var get = await fx.Kubectl.RunAsync("get", "namespace", ns);
        Assert.Contains("NotFound", get.Stderr);
        var cms = await fx.Kubectl.OkAsync("get", "cm", "-A", "--field-selector", $"metadata.namespace={ns}", "-o", "name");
        Assert.Equal("", cms.Trim());
    }
}

/// <summary>Everything stored survives a restart, graceful or kill -9, with the same certificates.</summary>
public sealed class RestartTests
{
    [Fact]
    public async Task StateAndCertificatesSurviveRestarts()
    {
        await using var server = await KubeSharpServer.StartAsync();
        var k = server.Kubectl;
        await k.OkAsync("create", "namespace", "keep");
        await k.OkAsync("-n", "keep", "create", "configmap", "c1", "--from-literal=a=1");
        await k.OkAsync("-n", "keep", "create", "deployment", "d1", "--image=busybox");
        var uid = await k.OkAsync("-n", "keep", "get", "cm", "c1", "-o", "jsonpath={.metadata.uid}");
        var ca = File.ReadAllText(Path.Combine(server.DataDir, "tls", "ca.crt"));

        await server.StopProcessAsync();
        await server.StartProcessAsync();
        Assert.Equal(uid, await k.OkAsync("-n", "keep", "get", "cm", "c1", "-o", "jsonpath={.metadata.uid}"));
        Assert.Equal(ca, File.ReadAllText(Path.Combine(server.DataDir, "tls", "ca.crt")));

        await k.OkAsync("-n", "keep", "create", "configmap", "c2", "--from-literal=b=2");
        await server.StopProcessAsync(kill: true);
        await server.StartProcessAsync();
        Assert.Equal("2", await k.OkAsync("-n", "keep", "get", "cm", "c2", "-o", "jsonpath={.data.b}"));
        Assert.Contains("d1", await k.OkAsync("-n", "keep", "get", "deploy"));
    }
}
