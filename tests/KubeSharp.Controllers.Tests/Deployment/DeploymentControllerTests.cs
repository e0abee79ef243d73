using System.Text.Json.Nodes;
using KubeSharp.Api.Resources;
using KubeSharp.Client;
using KubeSharp.Controllers.Deployment;
using KubeSharp.Controllers.ReplicaSet;
using KubeSharp.Controllers.Tests.Fakes;
using Microsoft.Extensions.Logging.Abstractions;
using static KubeSharp.Controllers.Tests.Fakes.ReplicaHarness;

namespace KubeSharp.Controllers.Tests.Deployment;

/// <summary>The Deployment and ReplicaSet controllers together over the fake API, with a fake kubelet making pods ready.</summary>
public sealed class DeploymentControllerTests : IAsyncLifetime
{
    const string Ns = "default";
    readonly ReplicaHarness _h = new();

    public async Task InitializeAsync()
    {
        var rs = new ReplicaSetController(_h.Api, _h.Informers, _h.Clock, _h.Recorder, NullLogger.Instance);
        var d = new DeploymentController(_h.Api, _h.Informers, _h.Clock, _h.Recorder, NullLogger.Instance);
        await _h.StartAsync(ct => Task.WhenAll(rs.RunAsync(ct), d.RunAsync(ct)));
    }

    public async Task DisposeAsync() => await _h.DisposeAsync();

    static JsonObject NewDeployment(string name, int replicas, string image = "nginx:1.25", string strategy = "RollingUpdate",
        object? maxSurge = null, object? maxUnavailable = null, int? revisionHistoryLimit = null, int progressDeadlineSeconds = 600)
    {
        var strategyJson = new JsonObject { ["type"] = strategy };
        if (strategy == "RollingUpdate")
            strategyJson["rollingUpdate"] = new JsonObject
            {
                ["maxSurge"] = JsonValue.Create(maxSurge ?? "25%"),
                ["maxUnavailable"] = JsonValue.Create(maxUnavailable ?? "25%"),
            };
        var spec = new JsonObject
        {
            ["replicas"] = replicas,
            ["selector"] = new JsonObject { ["matchLabels"] = new JsonObject { ["app"] = name } },
            ["template"] = PodTemplate(new Dictionary<string, string> { ["app"] = name }, image),
            ["strategy"] = strategyJson,
            ["progressDeadlineSeconds"] = progressDeadlineSeconds,
        };
        if (revisionHistoryLimit is { } limit) spec["revisionHistoryLimit"] = limit;
        return new JsonObject
        {
            ["apiVersion"] = "apps/v1",
            ["kind"] = "Deployment",
            ["metadata"] = new JsonObject { ["name"] = name, ["namespace"] = Ns },
            ["spec"] = spec,
        };
    }

    JsonObject Deploy(string name) => _h.Store.Find(Deployments, Ns, name)!;

    IReadOnlyList<JsonObject> ReplicaSetList() => _h.Store.Items(ReplicaSets, Ns);

    static int Int(JsonNode? n) => ObjectFields.Int(n) ?? 0;

    static string? Annotation(JsonObject o, string key) => ObjectFields.Annotation(o, key);

    bool Complete(string name, int replicas)
    {
        var d = Deploy(name);
        var s = d["status"];
        return ObjectFields.Long(s?["observedGeneration"]) >= ObjectFields.Generation(d)
            && Int(s?["updatedReplicas"]) == replicas && Int(s?["replicas"]) == replicas && Int(s?["availableReplicas"]) == replicas;
    }

    string? Condition(string name, string type, string field) =>
        (Deploy(name)["status"]?["conditions"] as JsonArray)?.OfType<JsonObject>()
            .FirstOrDefault(c => ObjectFields.Str(c["type"]) == type) is { } c ? ObjectFields.Str(c[field]) : null;

    void SetImage(string name, string image) =>
        _h.Store.Mutate(Deployments, Ns, name, d => d["spec"]!["template"]!["spec"]!["containers"]![0]!["image"] = image);

    [Fact]
    public async Task CreatesAHashedReplicaSetAndBecomesAvailable()
    {
        _h.RunKubelet(Ns);
        var deployment = await _h.Api.CreateAsync(Deployments, Ns, NewDeployment("web", 3));
        await EventuallyAsync(() => Complete("web", 3), "rollout complete");
        await _h.SettleAsync();

        var rs = Assert.Single(ReplicaSetList());
        var hash = PodTemplateHash.Compute(deployment["spec"]!["template"], null);
        Assert.Equal($"web-{hash}", JsonMeta.Name(rs));
        Assert.Equal(hash, ObjectFields.Str(rs["spec"]!["selector"]!["matchLabels"]![PodTemplateHash.LabelKey]));
        Assert.Equal(hash, ObjectFields.Str(rs["spec"]!["template"]!["metadata"]!["labels"]![PodTemplateHash.LabelKey]));
        Assert.Equal(hash, ObjectFields.Str(rs["metadata"]!["labels"]![PodTemplateHash.LabelKey]));
        Assert.Equal("1", Annotation(rs, RevisionAnnotations.Revision));
        Assert.Equal("3", Annotation(rs, RevisionAnnotations.DesiredReplicas));
        Assert.Equal("4", Annotation(rs, RevisionAnnotations.MaxReplicas));
        Assert.Equal(JsonMeta.Uid(deployment), ObjectFields.ControllerOf(rs)!.Uid);
        Assert.Equal("1", Annotation(Deploy("web"), RevisionAnnotations.Revision));
        Assert.Equal(3, _h.PodsOf(Ns).Count);
        Assert.All(_h.PodsOf(Ns), p => Assert.Equal(hash, ObjectFields.Str(p["metadata"]!["labels"]![PodTemplateHash.LabelKey])));

        Assert.Equal("True", Condition("web", "Available", "status"));
        Assert.Equal("MinimumReplicasAvailable", Condition("web", "Available", "reason"));
        Assert.Equal("NewReplicaSetAvailable", Condition("web", "Progressing", "reason"));
        Assert.Equal($"ReplicaSet \"web-{hash}\" has successfully progressed.", Condition("web", "Progressing", "message"));
        var events = _h.Store.Items(new("", "v1", "events"), Ns);
        Assert.Contains(events, e => ObjectFields.Str(e["message"]) == $"Scaled up replica set web-{hash} from 0 to 3");
    }

    [Fact]
    public async Task RollingUpdateStaysWithinSurgeAndUnavailabilityAndRetiresTheOldReplicaSet()
    {
        _h.RunKubelet(Ns);
        await _h.Api.CreateAsync(Deployments, Ns, NewDeployment("web", 10, maxSurge: 3, maxUnavailable: 2));
        await EventuallyAsync(() => Complete("web", 10), "first rollout");
        await _h.SettleAsync();

        var violations = new List<string>();
        using var watching = new CancellationTokenSource();
        var watcher = Task.Run(async () =>
        {
            while (!watching.IsCancellationRequested)
            {
                var pods = _h.PodsOf(Ns);
                var specs = ReplicaSetList().Sum(r => Int(r["spec"]!["replicas"]));
                var ready = pods.Count(PodState.IsReady);
                if (pods.Count > 13) violations.Add($"{pods.Count} pods");
                if (specs > 13) violations.Add($"replica sets sized {specs}");
                if (ready < 8) violations.Add($"{ready} ready");
                await Task.Delay(2);
            }
        });
        SetImage("web", "nginx:1.26");
        await EventuallyAsync(() => ReplicaSetList().Count == 2 && Complete("web", 10), "second rollout", 20_000);
        await _h.SettleAsync();
        await watching.CancelAsync();
        await watcher;
        Assert.Empty(violations);

        var sets = ReplicaSetList().OrderBy(r => Annotation(r, RevisionAnnotations.Revision)).ToList();
        Assert.Equal(0, Int(sets[0]["spec"]!["replicas"]));
        Assert.Equal(10, Int(sets[1]["spec"]!["replicas"]));
        Assert.Equal("2", Annotation(sets[1], RevisionAnnotations.Revision));
        Assert.Equal("2", Annotation(Deploy("web"), RevisionAnnotations.Revision));
        Assert.All(_h.PodsOf(Ns), p => Assert.Equal("nginx:1.26", ObjectFields.Str(p["spec"]!["containers"]![0]!["image"])));
        var events = _h.Store.Items(new("", "v1", "events"), Ns).Select(e => ObjectFields.Str(e["message"]) ?? "").ToList();
        Assert.Contains(events, m => m == $"Scaled up replica set {JsonMeta.Name(sets[1])} from 0 to 3");
        Assert.Contains(events, m => m.StartsWith($"Scaled down replica set {JsonMeta.Name(sets[0])} from 10 to ", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ATemplateEqualToAnOldReplicaSetReusesItWithTheNextRevision()
    {
        _h.RunKubelet(Ns);
        await _h.Api.CreateAsync(Deployments, Ns, NewDeployment("web", 2));
        await EventuallyAsync(() => Complete("web", 2), "v1");
        SetImage("web", "nginx:1.26");
        await EventuallyAsync(() => ReplicaSetList().Count == 2 && Complete("web", 2), "v2");
        var first = ReplicaSetList().Single(r => Annotation(r, RevisionAnnotations.Revision) == "1");

        // What `kubectl rollout undo` does: copy the old template back.
        SetImage("web", "nginx:1.25");
        await EventuallyAsync(() => Annotation(Deploy("web"), RevisionAnnotations.Revision) == "3" && Complete("web", 2), "undo");
        await _h.SettleAsync();
        Assert.Equal(2, ReplicaSetList().Count);
        var reused = _h.Store.Find(ReplicaSets, Ns, JsonMeta.Name(first)!)!;
        Assert.Equal(JsonMeta.Uid(first), JsonMeta.Uid(reused));
        Assert.Equal("3", Annotation(reused, RevisionAnnotations.Revision));
        Assert.Equal("1", Annotation(reused, RevisionAnnotations.RevisionHistory));
        Assert.Equal(2, Int(reused["spec"]!["replicas"]));
    }

    [Fact]
    public async Task RecreateRemovesEveryOldPodBeforeCreatingNewOnes()
    {
        _h.RunKubelet(Ns);
        await _h.Api.CreateAsync(Deployments, Ns, NewDeployment("db", 3, strategy: "Recreate"));
        await EventuallyAsync(() => Complete("db", 3), "v1");
        await _h.SettleAsync();
        _h.Store.ClearCalls();
        SetImage("db", "nginx:1.26");
        await EventuallyAsync(() => ReplicaSetList().Count == 2 && Complete("db", 3), "v2");
        await _h.SettleAsync();

        var calls = _h.Store.Calls;
        var lastOldDelete = calls.ToList().FindLastIndex(c => c.StartsWith("delete pods/", StringComparison.Ordinal));
        var firstNewCreate = calls.ToList().FindIndex(c => c.StartsWith("create pods/", StringComparison.Ordinal));
        var rsCreate = calls.ToList().FindIndex(c => c.StartsWith("create replicasets/", StringComparison.Ordinal));
        Assert.True(lastOldDelete >= 0 && lastOldDelete < rsCreate && rsCreate < firstNewCreate, string.Join("\n", calls));
    }

    [Fact]
    public async Task APausedDeploymentDoesNotRollOutButStillScales()
    {
        _h.RunKubelet(Ns);
        await _h.Api.CreateAsync(Deployments, Ns, NewDeployment("web", 2));
        await EventuallyAsync(() => Complete("web", 2), "v1");
        _h.Store.Mutate(Deployments, Ns, "web", d => d["spec"]!["paused"] = true);
        await EventuallyAsync(() => Condition("web", "Progressing", "reason") == "DeploymentPaused", "paused condition");
        SetImage("web", "nginx:1.26");
        _h.Store.Mutate(Deployments, Ns, "web", d => d["spec"]!["replicas"] = 4);
        await EventuallyAsync(() => _h.PodsOf(Ns).Count == 4, "scaled while paused");
        await _h.SettleAsync();
        Assert.Single(ReplicaSetList());
        Assert.Equal("Unknown", Condition("web", "Progressing", "status"));

        _h.Store.Mutate(Deployments, Ns, "web", d => d["spec"]!.AsObject().Remove("paused"));
        await EventuallyAsync(() => ReplicaSetList().Count == 2 && Complete("web", 4), "rolled out after resume");
    }

    [Fact]
    public async Task OldReplicaSetsBeyondTheHistoryLimitAreDeleted()
    {
        _h.RunKubelet(Ns);
        await _h.Api.CreateAsync(Deployments, Ns, NewDeployment("web", 1, revisionHistoryLimit: 1));
        foreach (var image in new[] { "nginx:1.26", "nginx:1.27", "nginx:1.28" })
        {
            await EventuallyAsync(() => Complete("web", 1), "rollout");
            SetImage("web", image);
            await EventuallyAsync(() => ReplicaSetList().Any(r => ObjectFields.Str(r["spec"]!["template"]!["spec"]!["containers"]![0]!["image"]) == image), image);
        }
        await EventuallyAsync(() => Complete("web", 1) && ReplicaSetList().Count == 2, "history trimmed");
        var revisions = ReplicaSetList().Select(r => Annotation(r, RevisionAnnotations.Revision)).Order().ToList();
        Assert.Equal(["3", "4"], revisions);
    }

    [Fact]
    public async Task AStuckRolloutExceedsItsProgressDeadline()
    {
        // No kubelet: pods never become ready.
        await _h.Api.CreateAsync(Deployments, Ns, NewDeployment("web", 2, progressDeadlineSeconds: 30));
        await EventuallyAsync(() => _h.PodsOf(Ns).Count == 2 && Condition("web", "Progressing", "reason") is "NewReplicaSetCreated" or "ReplicaSetUpdated", "rollout started");
        await _h.SettleAsync();
        Assert.Equal("False", Condition("web", "Available", "status"));
        _h.Clock.Advance(TimeSpan.FromSeconds(45));
        await EventuallyAsync(() => Condition("web", "Progressing", "reason") == "ProgressDeadlineExceeded", "deadline exceeded");
        Assert.Equal("False", Condition("web", "Progressing", "status"));
        Assert.Matches("^ReplicaSet \"web-[a-z0-9]+\" has timed out progressing.$", Condition("web", "Progressing", "message"));
    }

    [Fact]
    public async Task ScalingMidRolloutIsProportional()
    {
        // Pods of the new template never become ready, so the rollout stalls with both ReplicaSets active.
        await _h.Api.CreateAsync(Deployments, Ns, NewDeployment("web", 10, maxSurge: 3, maxUnavailable: 2));
        await EventuallyAsync(() => _h.PodsOf(Ns).Count == 10, "pods");
        _h.MarkAllReady(Ns);
        await EventuallyAsync(() => Complete("web", 10), "v1");
        SetImage("web", "nginx:1.26");
        await EventuallyAsync(() => ReplicaSetList().Sum(r => Int(r["spec"]!["replicas"])) == 13 && ReplicaSetList().Count == 2, "stalled at surge");
        await _h.SettleAsync();

        _h.Store.Mutate(Deployments, Ns, "web", d => d["spec"]!["replicas"] = 20);
        // allowed = 20 + 3 surge = 23: old 8 and new 5 of 13 grow by 23/13 to 14 and 9.
        await EventuallyAsync(() => ReplicaSetList().Sum(r => Int(r["spec"]!["replicas"])) == 23, "proportionally scaled");
        await _h.SettleAsync();
        var sizes = ReplicaSetList().OrderBy(r => Annotation(r, RevisionAnnotations.Revision)).Select(r => Int(r["spec"]!["replicas"])).ToList();
        Assert.Equal([14, 9], sizes);
        Assert.All(ReplicaSetList(), r => Assert.Equal("20", Annotation(r, RevisionAnnotations.DesiredReplicas)));
    }
}
