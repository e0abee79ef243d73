using System.Text.Json.Nodes;
using KubeSharp.Api.Resources;
using KubeSharp.Controllers.Job;
using KubeSharp.Controllers.Tests.Fakes;
using static KubeSharp.Controllers.Tests.Fakes.BatchObjects;

namespace KubeSharp.Controllers.Tests.Job;

public sealed class JobControllerTests : IAsyncLifetime
{
    BatchHarness _h = null!;

    public async Task InitializeAsync() => _h = await BatchHarness.StartAsync();

    public async Task DisposeAsync() => await _h.DisposeAsync();

    async Task<JsonObject> CreateAsync(JsonObject job)
    {
        await _h.Api.CreateAsync(BatchNames.Jobs, Ns, job);
        await _h.SyncJobAsync(Ns, Name(job));
        return JobNow(Name(job));
    }

    JsonObject JobNow(string name) => _h.Api.Get(BatchNames.Jobs, Ns, name)!;

    IReadOnlyList<JsonObject> Pods() => _h.Api.All(BatchNames.Pods, Ns);

    IReadOnlyList<JsonObject> ActivePods() =>
        [.. Pods().Where(p => p["metadata"]?["deletionTimestamp"] is null && (string?)p["status"]?["phase"] is not ("Succeeded" or "Failed"))];

    void Exit(JsonObject pod, int code) => _h.Api.SetPodStatus(Ns, Name(pod), Exited(code, _h.Clock.GetUtcNow()));

    [Fact]
    public async Task FixedCompletionsRunAtMostParallelismPodsAndCompleteAfterTheLastSuccess()
    {
        var job = await CreateAsync(NewJob("pi", completions: 3, parallelism: 2));
        var pods = Pods();
        Assert.Equal(2, pods.Count);
        foreach (var pod in pods)
        {
            Assert.StartsWith("pi-", Name(pod));
            Assert.Contains(BatchNames.JobTrackingFinalizer, Finalizers(pod));
            var owner = pod["metadata"]!["ownerReferences"]![0]!;
            Assert.Equal("Job", (string?)owner["kind"]);
            Assert.Equal((string?)job["metadata"]!["uid"], (string?)owner["uid"]);
            Assert.True((bool)owner["controller"]!);
            Assert.Equal((string?)job["metadata"]!["uid"], (string?)pod["metadata"]!["labels"]!["batch.kubernetes.io/controller-uid"]);
        }
        Assert.Equal(2, Int(job, "active"));
        Assert.NotNull(job["status"]!["startTime"]);

        Exit(pods[0], 0);
        await _h.SyncJobAsync(Ns, "pi");
        job = JobNow("pi");
        Assert.Equal(1, Int(job, "succeeded"));
        Assert.Empty(Finalizers(_h.Api.Get(BatchNames.Pods, Ns, Name(pods[0]))!));
        Assert.Equal(3, Pods().Count);
        Assert.Equal(2, ActivePods().Count);

        foreach (var pod in ActivePods()) Exit(pod, 0);
        await _h.SyncJobAsync(Ns, "pi");
        job = JobNow("pi");
        Assert.Equal(3, Int(job, "succeeded"));
        Assert.Equal(0, Int(job, "active"));
        Assert.Equal(["SuccessCriteriaMet", "Complete"], ConditionTypes(job));
        Assert.Equal("CompletionsReached", Condition(job, "Complete", "reason"));
        Assert.NotNull(job["status"]!["completionTime"]);
        Assert.All(Pods(), p => Assert.Empty(Finalizers(p)));
        Assert.Null(job["status"]!["uncountedTerminatedPods"]!["succeeded"]);
        Assert.Single(await _h.EventsAsync("Completed"));
        Assert.Equal(3, (await _h.EventsAsync("SuccessfulCreate", 3)).Count);
    }

    [Fact]
    public async Task AWorkQueueJobStartsNoMorePodsAfterTheFirstSuccessAndCompletesWhenAllStopped()
    {
        await CreateAsync(NewJob("queue", completions: null, parallelism: 2));
        var pods = Pods();
        Assert.Equal(2, pods.Count);
        Exit(pods[0], 0);
        await _h.SyncJobAsync(Ns, "queue");
        Assert.Equal(2, Pods().Count);
        Assert.Null(Condition(JobNow("queue"), "Complete"));
        Exit(pods[1], 0);
        await _h.SyncJobAsync(Ns, "queue");
        var job = JobNow("queue");
        Assert.Equal("True", Condition(job, "Complete"));
        Assert.Equal(2, Int(job, "succeeded"));
    }

    [Fact]
    public async Task FailuresBackOffTenSecondsThenDoubleAndTheJobFailsPastTheBackoffLimit()
    {
        await CreateAsync(NewJob("flaky", backoffLimit: 2));
        Exit(Pods().Single(), 1);
        await _h.SyncJobAsync(Ns, "flaky");
        var job = JobNow("flaky");
        Assert.Equal(1, Int(job, "failed"));
        Assert.Empty(ActivePods()); // back-off: no replacement yet

        _h.Clock.Advance(TimeSpan.FromSeconds(9));
        await _h.SyncJobAsync(Ns, "flaky");
        Assert.Empty(ActivePods());
        _h.Clock.Advance(TimeSpan.FromSeconds(1));
        await _h.SyncJobAsync(Ns, "flaky");
        Exit(Assert.Single(ActivePods()), 1);
        await _h.SyncJobAsync(Ns, "flaky");

        // Second failure in a row: 20 s.
        _h.Clock.Advance(TimeSpan.FromSeconds(19));
        await _h.SyncJobAsync(Ns, "flaky");
        Assert.Empty(ActivePods());
        _h.Clock.Advance(TimeSpan.FromSeconds(1));
        await _h.SyncJobAsync(Ns, "flaky");
        Exit(Assert.Single(ActivePods()), 1);
        await _h.SyncJobAsync(Ns, "flaky");

        job = JobNow("flaky");
        Assert.Equal(3, Int(job, "failed"));
        Assert.Equal(["FailureTarget", "Failed"], ConditionTypes(job));
        Assert.Equal("BackoffLimitExceeded", Condition(job, "Failed", "reason"));
        Assert.Equal("Job has reached the specified backoff limit", Condition(job, "Failed", "message"));
        Assert.Null(job["status"]!["completionTime"]);
        Assert.Single(await _h.EventsAsync("BackoffLimitExceeded"));
    }

    [Fact]
    public async Task WithRestartPolicyOnFailureContainerRestartsCountTowardTheBackoffLimit()
    {
        await CreateAsync(NewJob("restarts", backoffLimit: 2, restartPolicy: "OnFailure"));
        var pod = Pods().Single();
        _h.Api.SetPodStatus(Ns, Name(pod), Running(restarts: 1));
        await _h.SyncJobAsync(Ns, "restarts");
        Assert.Null(Condition(JobNow("restarts"), "FailureTarget"));

        _h.Api.SetPodStatus(Ns, Name(pod), Running(restarts: 2));
        await _h.SyncJobAsync(Ns, "restarts");
        // The running pod is deleted and counted as failed (its finalizer goes at once); Failed follows once it is gone.
        Assert.Null(_h.Api.Get(BatchNames.Pods, Ns, Name(pod)));
        Assert.Equal("BackoffLimitExceeded", Condition(JobNow("restarts"), "FailureTarget", "reason"));
        await _h.SyncJobAsync(Ns, "restarts");
        var job = JobNow("restarts");
        Assert.Equal("True", Condition(job, "Failed"));
        Assert.Equal(1, Int(job, "failed"));
        Assert.Empty(Pods());
    }

    [Fact]
    public async Task IndexedJobPodsCarryTheirIndexAndCompletedIndexesAreTracked()
    {
        await CreateAsync(NewJob("idx", completions: 3, parallelism: 3, completionMode: "Indexed"));
        var pods = Pods().OrderBy(p => (string?)p["metadata"]!["annotations"]![BatchNames.CompletionIndex]).ToList();
        Assert.Equal(3, pods.Count);
        for (var i = 0; i < 3; i++)
        {
            var pod = pods[i];
            Assert.Equal(i.ToString(), (string?)pod["metadata"]!["annotations"]![BatchNames.CompletionIndex]);
            Assert.Equal(i.ToString(), (string?)pod["metadata"]!["labels"]![BatchNames.CompletionIndex]);
            Assert.StartsWith($"idx-{i}-", Name(pod));
            Assert.Equal($"idx-{i}", (string?)pod["spec"]!["hostname"]);
            var env = pod["spec"]!["containers"]![0]!["env"]![0]!;
            Assert.Equal("JOB_COMPLETION_INDEX", (string?)env["name"]);
            Assert.Equal("metadata.annotations['batch.kubernetes.io/job-completion-index']", (string?)env["valueFrom"]!["fieldRef"]!["fieldPath"]);
        }
        Exit(pods[0], 0);
        Exit(pods[2], 0);
        Exit(pods[1], 1);
        await _h.SyncJobAsync(Ns, "idx");
        var job = JobNow("idx");
        Assert.Equal("0,2", (string?)job["status"]!["completedIndexes"]);
        Assert.Equal(2, Int(job, "succeeded"));
        Assert.Equal(1, Int(job, "failed"));

        _h.Clock.Advance(TimeSpan.FromSeconds(10));
        await _h.SyncJobAsync(Ns, "idx");
        var retry = Assert.Single(ActivePods());
        Assert.Equal("1", (string?)retry["metadata"]!["annotations"]![BatchNames.CompletionIndex]);
        Exit(retry, 0);
        await _h.SyncJobAsync(Ns, "idx");
        job = JobNow("idx");
        Assert.Equal("0-2", (string?)job["status"]!["completedIndexes"]);
        Assert.Equal("True", Condition(job, "Complete"));
    }

    [Fact]
    public async Task SuspendingDeletesActivePodsWithoutCountingThemAndResumingRestartsTheClock()
    {
        await CreateAsync(NewJob("sleepy", completions: 2, parallelism: 2, activeDeadlineSeconds: 100));
        var started = (string?)JobNow("sleepy")["status"]!["startTime"];
        Assert.Equal(2, ActivePods().Count);

        var job = JobNow("sleepy");
        job["spec"]!["suspend"] = true;
        await _h.Api.UpdateAsync(BatchNames.Jobs, Ns, job);
        await _h.SyncJobAsync(Ns, "sleepy");
        job = JobNow("sleepy");
        Assert.Empty(Pods()); // finalizers removed before deletion, so the fake removed them at once
        Assert.Equal("True", Condition(job, "Suspended"));
        Assert.Equal("JobSuspended", Condition(job, "Suspended", "reason"));
        Assert.Equal(0, Int(job, "failed"));
        Assert.Equal(0, Int(job, "active"));
        Assert.Single(await _h.EventsAsync("Suspended"));

        // Suspended time does not count toward the deadline.
        _h.Clock.Advance(TimeSpan.FromSeconds(500));
        await _h.SyncJobAsync(Ns, "sleepy");
        Assert.Null(Condition(JobNow("sleepy"), "FailureTarget"));

        job = JobNow("sleepy");
        job["spec"]!["suspend"] = false;
        await _h.Api.UpdateAsync(BatchNames.Jobs, Ns, job);
        await _h.SyncJobAsync(Ns, "sleepy");
        job = JobNow("sleepy");
        Assert.Equal("False", Condition(job, "Suspended"));
        Assert.Equal("JobResumed", Condition(job, "Suspended", "reason"));
        Assert.NotEqual(started, (string?)job["status"]!["startTime"]);
        Assert.Equal(2, ActivePods().Count);
    }

    [Fact]
    public async Task PastTheActiveDeadlineThePodsAreDeletedAndTheJobFailsWithDeadlineExceeded()
    {
        await CreateAsync(NewJob("slow", activeDeadlineSeconds: 30));
        var pod = Pods().Single();
        _h.Api.SetPodStatus(Ns, Name(pod), Running());
        _h.Clock.Advance(TimeSpan.FromSeconds(29));
        await _h.SyncJobAsync(Ns, "slow");
        Assert.Null(Condition(JobNow("slow"), "FailureTarget"));

        _h.Clock.Advance(TimeSpan.FromSeconds(1));
        await _h.SyncJobAsync(Ns, "slow");
        Assert.Equal("DeadlineExceeded", Condition(JobNow("slow"), "FailureTarget", "reason"));
        await _h.SyncJobAsync(Ns, "slow");
        var job = JobNow("slow");
        Assert.Equal("DeadlineExceeded", Condition(job, "Failed", "reason"));
        Assert.Equal("Job was active longer than specified deadline", Condition(job, "Failed", "message"));
        Assert.Equal(1, Int(job, "failed"));
        Assert.Empty(Pods());
    }

    static JsonObject Policy(params (string Action, string Op, int[] Codes)[] rules) => new()
    {
        ["rules"] = new JsonArray([.. rules.Select(r => (JsonNode)new JsonObject
        {
            ["action"] = r.Action,
            ["onExitCodes"] = new JsonObject { ["operator"] = r.Op, ["values"] = new JsonArray([.. r.Codes.Select(c => (JsonNode)c)]) },
        })]),
    };

    [Fact]
    public async Task APodFailurePolicyCanFailTheJobAtOnceOrIgnoreAFailure()
    {
        await CreateAsync(NewJob("policy", completions: 2, parallelism: 2, backoffLimit: 5,
            podFailurePolicy: Policy(("Ignore", "In", [3]), ("FailJob", "In", [42]))));
        var pods = Pods();
        Exit(pods[0], 3);
        await _h.SyncJobAsync(Ns, "policy");
        var job = JobNow("policy");
        Assert.Equal(0, Int(job, "failed")); // ignored
        _h.Clock.Advance(TimeSpan.FromSeconds(10));
        await _h.SyncJobAsync(Ns, "policy");
        Assert.Equal(2, ActivePods().Count); // replaced

        Exit(ActivePods().First(), 42);
        await _h.SyncJobAsync(Ns, "policy");
        job = JobNow("policy");
        Assert.Equal("PodFailurePolicy", Condition(job, "FailureTarget", "reason"));
        await _h.SyncJobAsync(Ns, "policy");
        await _h.SyncJobAsync(Ns, "policy");
        job = JobNow("policy");
        Assert.Equal("True", Condition(job, "Failed"));
        Assert.Equal("PodFailurePolicy", Condition(job, "Failed", "reason"));
        Assert.Matches(@"^Container main for pod default/policy-\w+ failed with exit code 42 matching FailJob rule at index 1$", Condition(job, "Failed", "message"));
    }

    [Fact]
    public async Task CountsSurviveARestartOfTheController()
    {
        // A pod that finished and whose uid reached uncountedTerminatedPods, but the controller stopped
        // before moving it into the counters; and a finished pod whose finalizer was never removed.
        await CreateAsync(NewJob("crash", completions: 3, parallelism: 2));
        var pods = Pods();
        Exit(pods[0], 0);
        Exit(pods[1], 0);
        var job = JobNow("crash");
        job["status"]!["uncountedTerminatedPods"] = new JsonObject { ["succeeded"] = new JsonArray((string?)pods[0]["metadata"]!["uid"]) };
        await _h.Api.UpdateAsync(BatchNames.Jobs, Ns, job, "status");
        await _h.Api.PatchAsync(BatchNames.Pods, Ns, Name(pods[0]), KubeSharp.Client.PatchType.StrategicMerge,
            """{"metadata":{"$deleteFromPrimitiveList/finalizers":["batch.kubernetes.io/job-tracking"]}}""");

        // A new controller with empty memory (no expectations, no back-off) over the same API: a restart.
        using var stop = new CancellationTokenSource();
        var factory = new KubeSharp.Client.Cache.SharedInformerFactory(_h.Api, _h.Clock);
        var restarted = new JobController(_h.Api, factory, _h.Clock, Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance);
        factory.Start(stop.Token);
        await factory.WaitForCacheSyncAsync(stop.Token);
        for (var i = 0; i < 2; i++)
        {
            await CatchUpAsync(factory);
            await restarted.SyncAsync(new NamespacedName(Ns, "crash"), CancellationToken.None);
        }
        await CatchUpAsync(factory);
        await stop.CancelAsync();
        await factory.DisposeAsync();
        job = JobNow("crash");
        Assert.Equal(2, Int(job, "succeeded"));
        Assert.Null(job["status"]!["uncountedTerminatedPods"]!["succeeded"]);
        Assert.Single(ActivePods());
    }

    async Task CatchUpAsync(KubeSharp.Client.Cache.SharedInformerFactory factory)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        foreach (var gvr in new[] { BatchNames.Jobs, BatchNames.Pods })
            while (long.Parse(factory.InformerFor(gvr).LastSyncResourceVersion is { Length: > 0 } rv ? rv : "0") < _h.Api.LastRevision(gvr))
            {
                if (DateTime.UtcNow > deadline) throw new TimeoutException();
                await Task.Delay(5);
            }
    }

    [Fact]
    public async Task TheTtlControllerDeletesAFinishedJobOnceItsTtlHasPassed()
    {
        await CreateAsync(NewJob("short", ttl: 60));
        Exit(Pods().Single(), 0);
        await _h.SyncJobAsync(Ns, "short");
        Assert.Equal("True", Condition(JobNow("short"), "Complete"));

        var key = new NamespacedName(Ns, "short");
        _h.Clock.Advance(TimeSpan.FromSeconds(59));
        await _h.Ttl.SyncAsync(key, CancellationToken.None);
        Assert.Null(JobNow("short")["metadata"]!["deletionTimestamp"]);
        _h.Clock.Advance(TimeSpan.FromSeconds(1));
        await _h.Ttl.SyncAsync(key, CancellationToken.None);
        Assert.Null(_h.Api.Get(BatchNames.Jobs, Ns, "short"));
    }

    [Fact]
    public async Task OrphanPodsMatchingTheSelectorAreAdoptedWithTheTrackingFinalizer()
    {
        var spec = NewJob("adopter", completions: 1);
        var labels = (JsonObject)spec["spec"]!["template"]!["metadata"]!["labels"]!.DeepClone();
        await _h.Api.CreateAsync(BatchNames.Pods, Ns, new JsonObject
        {
            ["metadata"] = new JsonObject { ["name"] = "stray", ["namespace"] = Ns, ["labels"] = labels },
            ["spec"] = new JsonObject { ["containers"] = new JsonArray(new JsonObject { ["name"] = "main", ["image"] = "busybox" }) },
        });
        await CreateAsync(spec);
        var stray = _h.Api.Get(BatchNames.Pods, Ns, "stray")!;
        Assert.Equal("adopter", (string?)stray["metadata"]!["ownerReferences"]![0]!["name"]);
        Assert.Contains(BatchNames.JobTrackingFinalizer, Finalizers(stray));
        Assert.Single(Pods()); // the adopted pod fills the one slot
    }
}
