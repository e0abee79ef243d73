using System.Text.Json.Nodes;
using KubeSharp.Api.Model;
using KubeSharp.Api.Model.Core;
using KubeSharp.Node.Kubelet.StaticPods;
using Microsoft.Extensions.Logging.Abstractions;

namespace KubeSharp.Node.Tests.Kubelet;

public sealed class StaticPodTests : IDisposable
{
    const string Manifest = """
        apiVersion: v1
        kind: Pod
        metadata:
          name: static-web
          labels: {app: web}
        spec:
          containers:
          - name: web
            image: busybox:1.36
            ports:
            - containerPort: 80
        """;

    readonly string _dir = Directory.CreateTempSubdirectory("kubesharp-static-").FullName;
    readonly ManualTime _time = new(new DateTimeOffset(2030, 1, 1, 0, 0, 0, TimeSpan.Zero));

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    sealed class Sink : IStaticPodSink
    {
        public IReadOnlyCollection<Pod> Pods { get; private set; } = [];
        public void SetStaticPods(IReadOnlyCollection<Pod> pods) => Pods = pods;
    }

    static InMemoryObjects ApiWithNode()
    {
        var api = new InMemoryObjects();
        api.Put("nodes", new JsonObject { ["metadata"] = new JsonObject { ["name"] = "node1", ["uid"] = "node-uid" } });
        return api;
    }

    [Fact]
    public void Manifest_becomes_a_defaulted_pod_named_after_the_node_with_a_content_hash_uid()
    {
        var factory = new StaticPodFactory("node1", _time);
        var pod = factory.Create(ManifestReader.Read(Manifest), "/m/web.yaml");
        Assert.Equal("static-web-node1", pod.Metadata.Name);
        Assert.Equal("default", pod.Metadata.Namespace);
        Assert.Equal("node1", pod.Spec!.NodeName);
        Assert.Equal(32, pod.Metadata.Uid!.Length);
        Assert.Equal(pod.Metadata.Uid, pod.Metadata.Annotations![StaticPodFactory.HashAnnotation]);
        Assert.Equal("file", pod.Metadata.Annotations[StaticPodFactory.SourceAnnotation]);
        Assert.True(StaticPodFactory.IsStatic(pod));
        // Defaulted like an API pod.
        Assert.Equal("Always", pod.Spec.RestartPolicy);
        Assert.Equal("IfNotPresent", pod.Spec.Containers![0].ImagePullPolicy);

        // Same file, same pod; another image or another file, another pod.
        Assert.Equal(pod.Metadata.Uid, factory.Create(ManifestReader.Read(Manifest), "/m/web.yaml").Metadata.Uid);
        Assert.NotEqual(pod.Metadata.Uid, factory.Create(ManifestReader.Read(Manifest.Replace("1.36", "1.37")), "/m/web.yaml").Metadata.Uid);
        Assert.NotEqual(pod.Metadata.Uid, factory.Create(ManifestReader.Read(Manifest), "/m/other.yaml").Metadata.Uid);
    }

    [Fact]
    public void Invalid_manifests_are_refused()
    {
        var factory = new StaticPodFactory("node1", _time);
        Assert.Throws<InvalidDataException>(() => factory.Create(ManifestReader.Read("kind: Service\nmetadata: {name: x}\nspec: {}"), "f"));
        Assert.Throws<InvalidDataException>(() => factory.Create(ManifestReader.Read("kind: Pod\nspec: {containers: [{name: a, image: b}]}"), "f"));
        var noImage = Assert.Throws<InvalidDataException>(() => factory.Create(ManifestReader.Read("kind: Pod\nmetadata: {name: x}\nspec: {containers: [{name: a}]}"), "f"));
        Assert.Contains("image", noImage.Message);
    }

    [Fact]
    public async Task Source_runs_the_folders_pods_and_mirrors_each_with_the_node_as_owner()
    {
        await File.WriteAllTextAsync(Path.Combine(_dir, "web.yaml"), Manifest);
        await File.WriteAllTextAsync(Path.Combine(_dir, ".hidden.yaml"), Manifest.Replace("static-web", "hidden"));
        await File.WriteAllTextAsync(Path.Combine(_dir, "broken.yaml"), "kind: Pod\nmetadata: {name: [");
        var api = ApiWithNode();
        var sink = new Sink();
        var source = new StaticPodSource(api, _dir, "node1", sink, _time, NullLogger.Instance);

        await source.SyncAsync(CancellationToken.None);

        var pod = Assert.Single(sink.Pods);
        var mirror = api.Find("pods", "default", "static-web-node1")!;
        var annotations = mirror["metadata"]!["annotations"]!;
        Assert.Equal(pod.Metadata.Uid, (string?)annotations[StaticPodFactory.MirrorAnnotation]);
        Assert.Equal(pod.Metadata.Uid, (string?)annotations[StaticPodFactory.HashAnnotation]);
        Assert.Equal("file", (string?)annotations[StaticPodFactory.SourceAnnotation]);
        Assert.NotEqual(pod.Metadata.Uid, (string?)mirror["metadata"]!["uid"]);
        var owner = mirror["metadata"]!["ownerReferences"]![0]!;
        Assert.Equal(("v1", "Node", "node1", "node-uid"), ((string?)owner["apiVersion"], (string?)owner["kind"], (string?)owner["name"], (string?)owner["uid"]));
        Assert.Equal("node1", (string?)mirror["spec"]!["nodeName"]);

        // Nothing to do the second time.
        api.Calls.Clear();
        await source.SyncAsync(CancellationToken.None);
        Assert.DoesNotContain(api.Calls, c => c.StartsWith("create") || c.StartsWith("delete"));
    }

    [Fact]
    public async Task A_mirror_being_deleted_is_removed_at_once_and_created_again()
    {
        await File.WriteAllTextAsync(Path.Combine(_dir, "web.yaml"), Manifest);
        var api = ApiWithNode();
        var sink = new Sink();
        var source = new StaticPodSource(api, _dir, "node1", sink, _time, NullLogger.Instance);
        await source.SyncAsync(CancellationToken.None);
        var first = (string?)api.Find("pods", "default", "static-web-node1")!["metadata"]!["uid"];
        var runningUid = Assert.Single(sink.Pods).Metadata.Uid;

        // kubectl delete: the API server marks the bound pod; the agent finishes it and mirrors the static pod again.
        await api.DeleteAsync(NodeAgentPods, "default", "static-web-node1");
        Assert.NotNull(api.Find("pods", "default", "static-web-node1")!["metadata"]!["deletionTimestamp"]);
        await source.SyncAsync(CancellationToken.None);

        var again = api.Find("pods", "default", "static-web-node1")!;
        Assert.Null(again["metadata"]!["deletionTimestamp"]);
        Assert.NotEqual(first, (string?)again["metadata"]!["uid"]);
        Assert.Contains("delete pods default/static-web-node1 grace=0", api.Calls);
        // The static pod itself is untouched: same uid, so its containers keep running.
        Assert.Equal(runningUid, Assert.Single(sink.Pods).Metadata.Uid);
    }

    [Fact]
    public async Task Edited_manifest_replaces_the_pod_and_its_mirror_and_a_removed_one_deletes_both()
    {
        var file = Path.Combine(_dir, "web.yaml");
        await File.WriteAllTextAsync(file, Manifest);
        var api = ApiWithNode();
        // A pod of another name that is no mirror stays alone.
        api.Put("pods", new JsonObject
        {
            ["metadata"] = new JsonObject { ["name"] = "plain", ["namespace"] = "default" },
            ["spec"] = new JsonObject { ["nodeName"] = "node1" },
        });
        var sink = new Sink();
        var source = new StaticPodSource(api, _dir, "node1", sink, _time, NullLogger.Instance);
        await source.SyncAsync(CancellationToken.None);
        var before = Assert.Single(sink.Pods);

        await File.WriteAllTextAsync(file, Manifest.Replace("1.36", "1.37"));
        await source.SyncAsync(CancellationToken.None);
        var after = Assert.Single(sink.Pods);
        Assert.NotEqual(before.Metadata.Uid, after.Metadata.Uid);
        Assert.Equal("busybox:1.37", after.Spec!.Containers![0].Image);
        var mirror = api.Find("pods", "default", "static-web-node1")!;
        Assert.Equal(after.Metadata.Uid, (string?)mirror["metadata"]!["annotations"]![StaticPodFactory.MirrorAnnotation]);
        Assert.Equal("busybox:1.37", (string?)mirror["spec"]!["containers"]![0]!["image"]);

        File.Delete(file);
        await source.SyncAsync(CancellationToken.None);
        Assert.Empty(sink.Pods);
        Assert.Null(api.Find("pods", "default", "static-web-node1"));
        Assert.NotNull(api.Find("pods", "default", "plain"));
    }

    static readonly KubeSharp.Api.Resources.GroupVersionResource NodeAgentPods = new("", "v1", "pods");
}
