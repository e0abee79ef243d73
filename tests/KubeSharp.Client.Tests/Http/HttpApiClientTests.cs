using System.IO.Pipelines;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using KubeSharp.Api.Errors;
using KubeSharp.Api.Resources;
using KubeSharp.Client.Http;

namespace KubeSharp.Client.Tests.Http;

public sealed class HttpApiClientTests
{
    static readonly GroupVersionResource Pods = new("", "v1", "pods");
    static readonly Uri Server = new("https://k8s.test:6443");

    [Fact]
    public async Task Get_sends_accept_and_bearer_token()
    {
        var stub = new StubHandler(_ => StubHandler.Json(HttpStatusCode.OK, """{"kind":"Pod","metadata":{"name":"p"}}"""));
        using var client = new HttpApiClient(stub, Server, "secret-token");

        var pod = await client.GetAsync(Pods, "ns", "p");

        Assert.Equal("p", JsonMeta.Name(pod));
        var (request, _) = Assert.Single(stub.Requests);
        Assert.Equal("https://k8s.test:6443/api/v1/namespaces/ns/pods/p", request.RequestUri!.ToString());
        Assert.Equal("Bearer secret-token", request.Headers.Authorization!.ToString());
        Assert.Contains(request.Headers.Accept, a => a.MediaType == "application/json");
    }

    [Fact]
    public async Task List_returns_items_with_their_kind_and_list_metadata()
    {
        var stub = new StubHandler(_ => StubHandler.Json(HttpStatusCode.OK,
            """{"kind":"PodList","apiVersion":"v1","metadata":{"resourceVersion":"17","continue":"next"},"items":[{"metadata":{"name":"a"}},{"metadata":{"name":"b"}}]}"""));
        using var client = new HttpApiClient(stub, Server);

        var list = await client.ListAsync(Pods, null, new ListOptions { Limit = 2 });

        Assert.Equal("17", list.ResourceVersion);
        Assert.Equal("next", list.Continue);
        Assert.Equal(["a", "b"], list.Items.Select(i => JsonMeta.Name(i)));
        Assert.All(list.Items, i => Assert.Equal("Pod", i["kind"]!.GetValue<string>()));
        Assert.All(list.Items, i => Assert.Null(i.Parent));
        Assert.Equal("/api/v1/pods?limit=2", stub.Requests[0].Request.RequestUri!.PathAndQuery);
    }

    [Fact]
    public async Task A_status_body_is_thrown_as_its_StatusError()
    {
        var status = StatusError.NotFound("deployments.apps", "web").ToStatus().ToJsonString();
        var stub = new StubHandler(_ => StubHandler.Json(HttpStatusCode.NotFound, status));
        using var client = new HttpApiClient(stub, Server);

        var e = await Assert.ThrowsAsync<StatusError>(() => client.GetAsync(new("apps", "v1", "deployments"), "ns", "web"));
        Assert.Equal(404, e.Code);
        Assert.Equal("NotFound", e.Reason);
        Assert.Equal("deployments.apps \"web\" not found", e.Message);
        Assert.Equal("web", e.Name);
        Assert.Equal("apps", e.Group);
    }

    [Fact]
    public async Task A_non_status_error_body_still_becomes_a_StatusError()
    {
        var stub = new StubHandler(_ => new HttpResponseMessage(HttpStatusCode.ServiceUnavailable) { Content = new StringContent("overloaded") });
        using var client = new HttpApiClient(stub, Server);
        var e = await Assert.ThrowsAsync<StatusError>(() => client.GetAsync(Pods, "ns", "p"));
        Assert.Equal(503, e.Code);
        Assert.Equal("InternalError", e.Reason);
        Assert.Equal("overloaded", e.Message);
    }

    [Fact]
    public async Task Writes_use_the_right_method_path_content_type_and_query()
    {
        var stub = new StubHandler(_ => StubHandler.Json(HttpStatusCode.Created, """{"kind":"Pod"}"""));
        using var client = new HttpApiClient(stub, Server);
        var pod = new JsonObject { ["metadata"] = new JsonObject { ["name"] = "p" } };
        var opts = new WriteOptions { FieldManager = "me", DryRun = true };

        await client.CreateAsync(Pods, "ns", pod, options: opts);
        await client.CreateAsync(Pods, "ns", new JsonObject { ["kind"] = "Binding", ["metadata"] = new JsonObject { ["name"] = "p" } }, "binding");
        await client.UpdateAsync(Pods, "ns", pod, "status");
        await client.PatchAsync(Pods, "ns", "p", PatchType.Apply, "metadata:\n  name: p\n", options: new WriteOptions { FieldManager = "me", Force = true });
        await client.DeleteAsync(Pods, "ns", "p", new DeleteOptions { GracePeriodSeconds = 0, PreconditionUid = "u1", PropagationPolicy = "Foreground" });

        var r = stub.Requests;
        Assert.Equal((HttpMethod.Post, "/api/v1/namespaces/ns/pods?fieldManager=me&dryRun=All"), (r[0].Request.Method, r[0].Request.RequestUri!.PathAndQuery));
        Assert.Equal("application/json", r[0].Request.Content!.Headers.ContentType!.MediaType);
        Assert.Equal("/api/v1/namespaces/ns/pods/p/binding", r[1].Request.RequestUri!.PathAndQuery);
        Assert.Equal((HttpMethod.Put, "/api/v1/namespaces/ns/pods/p/status"), (r[2].Request.Method, r[2].Request.RequestUri!.PathAndQuery));
        Assert.Equal((HttpMethod.Patch, "/api/v1/namespaces/ns/pods/p?fieldManager=me&force=true"), (r[3].Request.Method, r[3].Request.RequestUri!.PathAndQuery));
        Assert.Equal("application/apply-patch+yaml", r[3].Request.Content!.Headers.ContentType!.MediaType);
        Assert.Equal("metadata:\n  name: p\n", r[3].Body);
        Assert.Equal(HttpMethod.Delete, r[4].Request.Method);
        var deleteBody = JsonNode.Parse(r[4].Body!)!;
        Assert.Equal("DeleteOptions", deleteBody["kind"]!.GetValue<string>());
        Assert.Equal(0, deleteBody["gracePeriodSeconds"]!.GetValue<long>());
        Assert.Equal("u1", deleteBody["preconditions"]!["uid"]!.GetValue<string>());
        Assert.Equal("Foreground", deleteBody["propagationPolicy"]!.GetValue<string>());
    }

    [Fact]
    public async Task Watch_yields_each_event_as_soon_as_its_line_arrives()
    {
        var pipe = new Pipe();
        var stub = new StubHandler(_ => new HttpResponseMessage(HttpStatusCode.OK) { Content = new StreamContent(pipe.Reader.AsStream()) });
        using var client = new HttpApiClient(stub, Server);
        await using var events = client.WatchAsync(Pods, "ns", new ListOptions { ResourceVersion = "5", AllowWatchBookmarks = true }).GetAsyncEnumerator();

        await Write(pipe, """{"type":"ADDED","object":{"kind":"Pod","metadata":{"name":"a","resourceVersion":"6"}}}""" + "\n" + """{"type":"MOD""");
        Assert.True(await events.MoveNextAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(5)));
        Assert.Equal("ADDED", events.Current.Type);
        Assert.Equal("a", JsonMeta.Name(events.Current.Object));

        var next = events.MoveNextAsync().AsTask();
        await Task.Delay(50);
        Assert.False(next.IsCompleted); // half a line is not an event
        await Write(pipe, """IFIED","object":{"kind":"Pod","metadata":{"name":"a","resourceVersion":"7"}}}""" + "\n\n");
        Assert.True(await next.WaitAsync(TimeSpan.FromSeconds(5)));
        Assert.Equal("MODIFIED", events.Current.Type);
        Assert.Equal("7", JsonMeta.ResourceVersion(events.Current.Object));

        await pipe.Writer.CompleteAsync();
        Assert.False(await events.MoveNextAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(5)));
        Assert.Equal("/api/v1/namespaces/ns/pods?watch=true&resourceVersion=5&allowWatchBookmarks=true", stub.Requests[0].Request.RequestUri!.PathAndQuery);
    }

    [Fact]
    public async Task A_watch_refused_with_410_throws_it()
    {
        var stub = new StubHandler(_ => StubHandler.Json(HttpStatusCode.Gone, StatusError.Gone("too old resource version: 1 (50)").ToStatus().ToJsonString()));
        using var client = new HttpApiClient(stub, Server);
        var e = await Assert.ThrowsAsync<StatusError>(async () =>
        {
            await foreach (var _ in client.WatchAsync(Pods, null, new ListOptions { ResourceVersion = "1" })) { }
        });
        Assert.Equal(410, e.Code);
        Assert.Equal("Expired", e.Reason);
    }

    static async Task Write(Pipe pipe, string text)
    {
        await pipe.Writer.WriteAsync(Encoding.UTF8.GetBytes(text));
        await pipe.Writer.FlushAsync();
    }
}
