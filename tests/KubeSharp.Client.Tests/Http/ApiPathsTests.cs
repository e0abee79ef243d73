using KubeSharp.Api.Resources;
using KubeSharp.Client.Http;

namespace KubeSharp.Client.Tests.Http;

public sealed class ApiPathsTests
{
    static readonly GroupVersionResource Pods = new("", "v1", "pods");
    static readonly GroupVersionResource Deployments = new("apps", "v1", "deployments");

    [Theory]
    [InlineData(null, null, null, "/api/v1/pods")]
    [InlineData("default", null, null, "/api/v1/namespaces/default/pods")]
    [InlineData("default", "web", null, "/api/v1/namespaces/default/pods/web")]
    [InlineData("default", "web", "status", "/api/v1/namespaces/default/pods/web/status")]
    public void Core_group_paths(string? ns, string? name, string? sub, string expected) =>
        Assert.Equal(expected, ApiPaths.For(Pods, ns, name, sub));

    [Fact]
    public void Named_group_and_cluster_scoped_paths()
    {
        Assert.Equal("/apis/apps/v1/namespaces/ns/deployments/d/scale", ApiPaths.For(Deployments, "ns", "d", "scale"));
        Assert.Equal("/apis/rbac.authorization.k8s.io/v1/clusterroles/system%3Aadmin",
            ApiPaths.For(new("rbac.authorization.k8s.io", "v1", "clusterroles"), null, "system:admin"));
    }

    [Fact]
    public void List_and_watch_query()
    {
        var q = ApiPaths.Query(new ListOptions
        {
            LabelSelector = "app in (a,b)",
            FieldSelector = "spec.nodeName=n1",
            ResourceVersion = "42",
            Limit = 500,
            Continue = "tok",
            AllowWatchBookmarks = true,
            TimeoutSeconds = 300,
        }, watch: true);
        Assert.Equal("?watch=true&labelSelector=app%20in%20%28a%2Cb%29&fieldSelector=spec.nodeName%3Dn1&resourceVersion=42&limit=500&continue=tok&allowWatchBookmarks=true&timeoutSeconds=300", q);
        Assert.Equal("", ApiPaths.Query(new ListOptions(), watch: false));
    }

    [Fact]
    public void Write_query()
    {
        Assert.Equal("?fieldManager=kubectl&dryRun=All&fieldValidation=Strict&force=true",
            ApiPaths.Query(new WriteOptions { FieldManager = "kubectl", DryRun = true, FieldValidation = "Strict", Force = true }));
        Assert.Equal("", ApiPaths.Query((WriteOptions?)null));
    }

    [Theory]
    [InlineData(PatchType.Json, "application/json-patch+json")]
    [InlineData(PatchType.Merge, "application/merge-patch+json")]
    [InlineData(PatchType.StrategicMerge, "application/strategic-merge-patch+json")]
    [InlineData(PatchType.Apply, "application/apply-patch+yaml")]
    public void Patch_content_types(PatchType type, string expected) => Assert.Equal(expected, ApiPaths.ContentType(type));
}
