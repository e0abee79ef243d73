using System.Text.Json.Nodes;
using KubeSharp.Api.Resources;
using KubeSharp.Controllers.Job;
using KubeSharp.Controllers.Tests.Fakes;
using static KubeSharp.Controllers.Tests.Fakes.BatchObjects;

namespace KubeSharp.Controllers.Tests.Job;

/// <summary>successPolicy, backoffLimitPerIndex with maxFailedIndexes and FailIndex, and podReplacementPolicy, over the fake API.</summary>
public sealed class JobPolicyTests : IAsyncLifetime
{
    BatchHarness _h = null!;

    public async Task InitializeAsync() => _h = await BatchHarness.StartAsync();

    public async Task DisposeAsync() => await _h.DisposeAsync();

    static JsonObject IndexedJob(string name, int completions, int parallelism, Action<JsonObject> spec, JsonObject? podFailurePolicy = null)
    {
        var job = NewJob(name, completions: completions, parallelism: parallelism, completionMode: "Indexed", podFailurePolicy: podFailurePolicy);
        spec((JsonObject)job["spec"]!);
        return job;
    }

    async Task CreateAsync(JsonObject job)
    {
        await _h.Api.CreateAsync(BatchNames.Jobs, Ns, job);
        await _h.SyncJobAsync(Ns, Name(job));
    }

    Task SyncAsync(string name) => _h.SyncJobAsync(Ns, name);

    JsonObject JobNow(string name) => _h.Api.Get(BatchNames.Jobs, Ns, name)!;

    IReadOnlyList<JsonObject> Pods() => _h.Api.All(BatchNames.Pods, Ns);

    IReadOnlyList<JsonObject> ActivePods() =>
        [.. Pods().Where(p => p["metadata"]?["deletionTimestamp"] is null && (string?)p["status"]?["phase"] is not ("Succeeded" or "Failed"))];

    static string? Annotation(JsonObject pod, string key) => (string?)pod["metadata"]?["annotations"]?[key];

    static int IndexOf(JsonObject pod) => int.Parse(Annotation(pod, BatchNames.CompletionIndex)!);

    JsonObject ActivePod(int index) => ActivePods().Single(p => IndexOf(p) == index);

    void Exit(JsonObject pod, int code) => _h.Api.SetPodStatus(Ns, Name(pod), Exited(code, _h.Clock.GetUtcNow()));

    [Fact]
    public async Task ASuccessPolicyEndsAnIndexedJobEarlyAndRemovesTheRemainingPods()
    {
        await CreateAsync(IndexedJob("early", 4, 4, s => s["successPolicy"] = JsonNode.Parse("""{"rules":[{"succeededIndexes":"0-1"}]}""")));
        Assert.Equal(4, ActivePods().Count);
        Exit(ActivePod(0), 0);
        await SyncAsync("early");
        Assert.Null(Condition(JobNow("early"), "SuccessCriteriaMet")); // index 1 has not succeeded yet
        Assert.Equal(3, ActivePods().Count);

        Exit(ActivePod(1), 0);
        await SyncAsync("early");
        var job = JobNow("early");
        Assert.Equal("SuccessPolicy", Condition(job, "SuccessCriteriaMet", "reason"));
        Assert.Equal("Matched rules at index 0", Condition(job, "SuccessCriteriaMet", "message"));
        Assert.Null(Condition(job, "Complete")); // not before the remaining pods are gone
        Assert.Empty(ActivePods());

        await SyncAsync("early");
        job = JobNow("early");
        Assert.Equal(["SuccessCriteriaMet", "Complete"], ConditionTypes(job));
        Assert.Equal("SuccessPolicy", Condition(job, "Complete", "reason"));
        Assert.Equal("Matched rules at index 0", Condition(job, "Complete", "message"));
        Assert.Equal("0,1", (string?)job["status"]!["completedIndexes"]);
        Assert.Equal(2, Int(job, "succeeded"));
        Assert.Equal(0, Int(job, "active"));
        Assert.NotNull(job["status"]!["completionTime"]);
        Assert.All(Pods(), p => Assert.Empty(Finalizers(p)));
    }

    [Fact]
    public async Task AnIndexThatFailsPastItsOwnLimitIsMarkedFailedAndTheJobFailsOnceEveryIndexIsDone()
    {
        await CreateAsync(IndexedJob("perindex", 3, 3, s => s["backoffLimitPerIndex"] = 1));
        Assert.All(Pods(), p => Assert.Equal("0", Annotation(p, BatchNames.JobIndexFailureCount)));
        var first = ActivePod(1);
        Exit(ActivePod(0), 0);
        Exit(ActivePod(2), 0);
        Exit(first, 1);
        await SyncAsync("perindex");
        var job = JobNow("perindex");
        Assert.Equal("", (string?)job["status"]!["failedIndexes"]);
        Assert.Equal("0,2", (string?)job["status"]!["completedIndexes"]);
        // The failed pod keeps its finalizer until its replacement exists: the failure count is read from it.
        Assert.Contains(BatchNames.JobTrackingFinalizer, Finalizers(_h.Api.Get(BatchNames.Pods, Ns, Name(first))!));
        Assert.Empty(ActivePods());

        _h.Clock.Advance(TimeSpan.FromSeconds(9));
        await SyncAsync("perindex");
        Assert.Empty(ActivePods()); // the index backs off 10 s
        _h.Clock.Advance(TimeSpan.FromSeconds(1));
        await SyncAsync("perindex");
        var retry = ActivePod(1);
        Assert.Equal("1", Annotation(retry, BatchNames.JobIndexFailureCount));
        await SyncAsync("perindex");
        Assert.Empty(Finalizers(_h.Api.Get(BatchNames.Pods, Ns, Name(first))!)); // counted now that the retry carries the count
        Assert.Equal(1, Int(JobNow("perindex"), "failed"));

        Exit(retry, 1);
        await SyncAsync("perindex");
        await SyncAsync("perindex");
        job = JobNow("perindex");
        Assert.Equal("1", (string?)job["status"]!["failedIndexes"]);
        Assert.Equal(["FailureTarget", "Failed"], ConditionTypes(job));
        Assert.Equal("FailedIndexes", Condition(job, "Failed", "reason"));
        Assert.Equal("Job has failed indexes", Condition(job, "Failed", "message"));
        Assert.Equal(2, Int(job, "failed"));
        Assert.Equal(2, Int(job, "succeeded"));
        Assert.Single(await _h.EventsAsync("FailedIndexes"));
    }

    [Fact]
    public async Task MoreFailedIndexesThanMaxFailedIndexesFailTheJobAtOnce()
    {
        await CreateAsync(IndexedJob("maxfail", 4, 4, s =>
        {
            s["backoffLimitPerIndex"] = 0;
            s["maxFailedIndexes"] = 1;
        }));
        Exit(ActivePod(0), 1);
        await SyncAsync("maxfail");
        var job = JobNow("maxfail");
        Assert.Equal("0", (string?)job["status"]!["failedIndexes"]);
        Assert.Null(Condition(job, "FailureTarget"));
        _h.Clock.Advance(TimeSpan.FromMinutes(10));
        await SyncAsync("maxfail");
        Assert.Equal([1, 2, 3], ActivePods().Select(IndexOf).Order()); // a failed index gets no new pod

        Exit(ActivePod(1), 1);
        await SyncAsync("maxfail");
        job = JobNow("maxfail");
        Assert.Equal("MaxFailedIndexesExceeded", Condition(job, "FailureTarget", "reason"));
        Assert.Empty(ActivePods());
        await SyncAsync("maxfail");
        job = JobNow("maxfail");
        Assert.Equal("MaxFailedIndexesExceeded", Condition(job, "Failed", "reason"));
        Assert.Equal("Job has exceeded the specified maximal number of failed indexes", Condition(job, "Failed", "message"));
        Assert.Equal("0,1", (string?)job["status"]!["failedIndexes"]);
        // Only the two failed pods are left (as the kubelet leaves them), none held by the finalizer.
        Assert.Equal([0, 1], Pods().Select(IndexOf).Order());
        Assert.All(Pods(), p => Assert.Empty(Finalizers(p)));
    }

    [Fact]
    public async Task AFailIndexRuleFailsTheIndexRegardlessOfItsLimitAndIgnoredFailuresAreCountedApart()
    {
        var policy = JsonNode.Parse("""
            {"rules":[
              {"action":"FailIndex","onExitCodes":{"operator":"In","values":[42]}},
              {"action":"Ignore","onExitCodes":{"operator":"In","values":[3]}}]}
            """)!.AsObject();
        await CreateAsync(IndexedJob("failindex", 2, 2, s => s["backoffLimitPerIndex"] = 5, policy));
        Exit(ActivePod(1), 3);
        await SyncAsync("failindex");
        Assert.Equal(0, Int(JobNow("failindex"), "failed")); // ignored
        _h.Clock.Advance(TimeSpan.FromSeconds(10));
        await SyncAsync("failindex");
        var retry = ActivePod(1);
        Assert.Equal("0", Annotation(retry, BatchNames.JobIndexFailureCount));
        Assert.Equal("1", Annotation(retry, BatchNames.JobIndexIgnoredFailureCount));

        Exit(ActivePod(0), 42);
        await SyncAsync("failindex");
        var job = JobNow("failindex");
        Assert.Equal("0", (string?)job["status"]!["failedIndexes"]);
        Assert.Null(Condition(job, "FailureTarget"));
        Exit(retry, 0);
        await SyncAsync("failindex");
        await SyncAsync("failindex");
        job = JobNow("failindex");
        Assert.Equal("FailedIndexes", Condition(job, "Failed", "reason"));
        Assert.Equal("1", (string?)job["status"]!["completedIndexes"]);
        Assert.Equal(1, Int(job, "failed"));
    }

    [Fact]
    public async Task WithPodReplacementPolicyFailedATerminatingPodIsReplacedOnlyOnceItHasFailed()
    {
        var job = NewJob("replace", completions: 1);
        job["spec"]!["podReplacementPolicy"] = "Failed";
        await CreateAsync(job);
        var pod = Pods().Single();
        _h.Api.SetPodStatus(Ns, Name(pod), Running());
        await _h.Api.DeleteAsync(BatchNames.Pods, Ns, Name(pod));
        await SyncAsync("replace");
        var status = JobNow("replace");
        Assert.Equal(1, Int(status, "terminating"));
        Assert.Equal(0, Int(status, "active"));
        Assert.Equal(0, Int(status, "failed"));
        Assert.Single(Pods()); // no replacement while the old pod is still shutting down

        _h.Api.SetPodStatus(Ns, Name(pod), Exited(137, _h.Clock.GetUtcNow()));
        await SyncAsync("replace");
        status = JobNow("replace");
        Assert.Equal(0, Int(status, "terminating"));
        Assert.Equal(1, Int(status, "failed"));
        _h.Clock.Advance(TimeSpan.FromSeconds(10));
        await SyncAsync("replace");
        Assert.Single(ActivePods());
    }

    [Fact]
    public async Task ByDefaultADeletedPodCountsAsFailedAtOnceWithoutWaitingForItToStop()
    {
        await CreateAsync(NewJob("default", completions: 1));
        var pod = Pods().Single();
        _h.Api.SetPodStatus(Ns, Name(pod), Running());
        await _h.Api.DeleteAsync(BatchNames.Pods, Ns, Name(pod));
        await SyncAsync("default");
        var status = JobNow("default");
        Assert.Equal(1, Int(status, "failed"));
        _h.Clock.Advance(TimeSpan.FromSeconds(10));
        await SyncAsync("default");
        Assert.Single(ActivePods());
    }

    [Theory]
    [InlineData("0,2", null, "0", 3, null)]
    [InlineData("0,2", null, "0,2", 3, "Matched rules at index 0")]
    [InlineData("1-3", 2, "1,4", 7, null)]
    [InlineData("1-3", 2, "1,3", 7, "Matched rules at index 0")]
    [InlineData(null, 4, "0,4-6", 7, "Matched rules at index 0")]
    [InlineData("9", null, "0-2", 3, null)]
    public void SuccessPolicyRulesMatchAsUpstream(string? indexes, int? count, string succeeded, int completions, string? expected)
    {
        var policy = new KubeSharp.Api.Model.Batch.SuccessPolicy { Rules = [new() { SucceededIndexes = indexes, SucceededCount = count }] };
        Assert.Equal(expected, SuccessPolicyMatcher.Match(policy, completions, IndexSet.Parse(succeeded, completions)));
    }

    [Fact]
    public void TwoNeighbouringIndexesPrintAsAListAsUpstream()
    {
        Assert.Equal("0,1,3-5", IndexSet.Of([0, 1, 3, 4, 5]).ToString());
        Assert.Equal(2, IndexSet.Parse("1-3", 10).Overlap(IndexSet.Parse("0-1,3,5", 10)));
    }

    [Fact]
    public void APerIndexBackoffGrowsWithEveryFailureOfTheIndexCountedOrIgnored()
    {
        var at = new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var pod = new KubeSharp.Api.Model.Core.Pod
        {
            Metadata = new()
            {
                Annotations = new() { [BatchNames.JobIndexFailureCount] = "1", [BatchNames.JobIndexIgnoredFailureCount] = "1" },
                CreationTimestamp = at,
            },
        };
        Assert.Equal(TimeSpan.FromSeconds(40), IndexFailures.RemainingTime(pod, at));
        Assert.Equal(TimeSpan.Zero, IndexFailures.RemainingTime(null, at));
        Assert.Equal(TimeSpan.Zero, IndexFailures.RemainingTime(pod, at.AddSeconds(40)));
    }
}
