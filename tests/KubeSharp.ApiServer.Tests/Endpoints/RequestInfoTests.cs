using KubeSharp.ApiServer.Endpoints;

namespace KubeSharp.ApiServer.Tests.Endpoints;

public sealed class RequestInfoTests
{
    [Theory]
    [InlineData("GET", "/api/v1/namespaces/default/pods", false, "", "v1", "default", "pods", null, null, "list")]
    [InlineData("GET", "/api/v1/namespaces/default/pods/web", false, "", "v1", "default", "pods", "web", null, "get")]
    [InlineData("GET", "/api/v1/namespaces/default/pods/web/log", false, "", "v1", "default", "pods", "web", "log", "get")]
    [InlineData("GET", "/api/v1/pods", true, "", "v1", null, "pods", null, null, "watch")]
    [InlineData("GET", "/api/v1/namespaces", false, "", "v1", null, "namespaces", null, null, "list")]
    [InlineData("DELETE", "/api/v1/namespaces/kube-system", false, "", "v1", null, "namespaces", "kube-system", null, "delete")]
    [InlineData("PUT", "/api/v1/namespaces/doomed/finalize", false, "", "v1", null, "namespaces", "doomed", "finalize", "update")]
    [InlineData("PATCH", "/apis/apps/v1/namespaces/ns/deployments/web/scale", false, "apps", "v1", "ns", "deployments", "web", "scale", "patch")]
    [InlineData("POST", "/apis/apps/v1/namespaces/ns/deployments", false, "apps", "v1", "ns", "deployments", null, null, "create")]
    [InlineData("DELETE", "/apis/batch/v1/namespaces/ns/jobs", false, "batch", "v1", "ns", "jobs", null, null, "deletecollection")]
    [InlineData("GET", "/apis/storage.k8s.io/v1/storageclasses/local", false, "storage.k8s.io", "v1", null, "storageclasses", "local", null, "get")]
    public void ParsesResourcePathsAsUpstream(string method, string path, bool watch, string group, string version, string? ns, string resource, string? name, string? sub, string verb)
    {
        var info = RequestInfo.Parse(method, path, watch)!;
        Assert.Equal((group, version, ns, resource, name, sub, verb), (info.Group, info.Version, info.Namespace, info.Resource, info.Name, info.Subresource, info.Verb));
    }

    [Theory]
    [InlineData("/api")]
    [InlineData("/apis/apps")]
    [InlineData("/version")]
    [InlineData("/api/v1/namespaces/default//pods")]
    public void NonResourcePathsAreNotResourceRequests(string path) => Assert.Null(RequestInfo.Parse("GET", path, false));
}
