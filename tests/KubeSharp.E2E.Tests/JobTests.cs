using KubeSharp.E2E.Tests.Infrastructure;

namespace KubeSharp.E2E.Tests;

/// <summary>Jobs and cron jobs driven by the real kubectl against a server with two simulated nodes.</summary>
public sealed class JobTests : IAsyncLifetime
{
    static readonly TimeSpan Wait = TimeSpan.FromSeconds(60);
    KubeSharpServer _server = null!;

    Kubectl Kubectl => _server.Kubectl;

    public async Task InitializeAsync() => _server = await KubeSharpServer.StartAsync(null, "--simulated-nodes", "2");

    public async Task DisposeAsync() => await _server.DisposeAsync();

    async Task<string> NamespaceAsync(string prefix)
    {
        var name = $"{prefix}-{Guid.NewGuid().ToString("N")[..6]}";
        await Kubectl.OkAsync("create", "namespace", name);
        return name;
    }

    static string Job(string ns, string name, string spec, int exitCode = 0, string duration = "1s", string restartPolicy = "Never") => $"""
        apiVersion: batch/v1
        kind: Job
        metadata:
          name: {name}
          namespace: {ns}
        spec:
        {spec}
          template:
            metadata:
              annotations:
                kubesharp.io/simulated-exit-code: "{exitCode}"
                kubesharp.io/simulated-duration: "{duration}"
            spec:
              restartPolicy: {restartPolicy}
              containers:
              - name: pi
                image: busybox
                command: ["sh", "-c", "echo 'scale=1000; 4*a(1)' | bc -l"]
        """;

    Task WaitForAsync(string ns, string what, string condition) =>
        Kubectl.OkAsync("-n", ns, "wait", $"--for=condition={condition}", what, "--timeout=60s");

    [Fact]
    public async Task AJobWithThreeCompletionsAndParallelismTwoCompletes()
    {
        var ns = await NamespaceAsync("job");
        await Kubectl.ApplyAsync(Job(ns, "pi", "  completions: 3\n  parallelism: 2"));
        var running = await Kubectl.EventuallyAsync(o => o.Trim() == "2", Wait, "-n", ns, "get", "job", "pi", "-o", "jsonpath={.status.active}");
        Assert.Equal("2", running.Trim());
        await WaitForAsync(ns, "job/pi", "complete");

        var status = await Kubectl.OkAsync("-n", ns, "get", "job", "pi", "-o",
            "jsonpath={.status.succeeded} {.status.active} {.status.failed} {.status.ready} {.status.terminating} {.status.conditions[*].type}");
        Assert.Equal("3   0 0 SuccessCriteriaMet Complete", status);
        Assert.NotEmpty(await Kubectl.OkAsync("-n", ns, "get", "job", "pi", "-o", "jsonpath={.status.completionTime}"));

        // The controller-uid selector and labels come from the API server; every pod carries them and lost its finalizer.
        var uid = await Kubectl.OkAsync("-n", ns, "get", "job", "pi", "-o", "jsonpath={.metadata.uid}");
        Assert.Equal(uid, await Kubectl.OkAsync("-n", ns, "get", "job", "pi", "-o", "jsonpath={.spec.selector.matchLabels.batch\\.kubernetes\\.io/controller-uid}"));
        var pods = await Kubectl.OkAsync("-n", ns, "get", "pods", "-l", $"controller-uid={uid}", "-o", "jsonpath={range .items[*]}{.status.phase}/{.metadata.finalizers}{\"\\n\"}{end}");
        var lines = pods.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.True(lines.Length == 3 && lines.All(l => l.StartsWith("Succeeded/", StringComparison.Ordinal) && !l.Contains("job-tracking", StringComparison.Ordinal)), pods);

        var table = await Kubectl.OkAsync("-n", ns, "get", "jobs");
        Assert.Contains("3/3", table);
        var events = await Kubectl.OkAsync("-n", ns, "get", "events", "--field-selector", "involvedObject.name=pi");
        Assert.Contains("Completed", events);
        Assert.Contains("SuccessfulCreate", events);
    }

    [Fact]
    public async Task AFailingJobEndsFailedWithBackoffLimitExceeded()
    {
        var ns = await NamespaceAsync("fail");
        await Kubectl.ApplyAsync(Job(ns, "broken", "  backoffLimit: 1", exitCode: 1, duration: "0s"));
        // One retry after the 10 s back-off, then the job fails.
        await WaitForAsync(ns, "job/broken", "failed");
        Assert.Equal("BackoffLimitExceeded 2", await Kubectl.OkAsync("-n", ns, "get", "job", "broken", "-o",
            "jsonpath={.status.conditions[?(@.type==\"Failed\")].reason} {.status.failed}"));
        Assert.Equal("True", await Kubectl.OkAsync("-n", ns, "get", "job", "broken", "-o", "jsonpath={.status.conditions[?(@.type==\"FailureTarget\")].status}"));
    }

    [Fact]
    public async Task IndexedJobPodsGetTheirIndex()
    {
        var ns = await NamespaceAsync("indexed");
        await Kubectl.ApplyAsync(Job(ns, "idx", "  completions: 3\n  parallelism: 3\n  completionMode: Indexed"));
        await WaitForAsync(ns, "job/idx", "complete");
        Assert.Equal("0-2", await Kubectl.OkAsync("-n", ns, "get", "job", "idx", "-o", "jsonpath={.status.completedIndexes}"));
        var pods = await Kubectl.OkAsync("-n", ns, "get", "pods", "-l", "job-name=idx", "-o",
            "jsonpath={range .items[*]}{.metadata.labels.batch\\.kubernetes\\.io/job-completion-index} {.spec.hostname} {.spec.containers[0].env[?(@.name==\"JOB_COMPLETION_INDEX\")].valueFrom.fieldRef.fieldPath}{\"\\n\"}{end}");
        var lines = pods.Split('\n', StringSplitOptions.RemoveEmptyEntries).Order().ToList();
        Assert.Equal(3, lines.Count);
        for (var i = 0; i < 3; i++)
            Assert.Equal($"{i} idx-{i} metadata.annotations['batch.kubernetes.io/job-completion-index']", lines[i]);
    }

    [Fact]
    public async Task ASuspendedJobRunsNothingUntilResumed()
    {
        var ns = await NamespaceAsync("suspend");
        await Kubectl.ApplyAsync(Job(ns, "later", "  suspend: true\n  completions: 2\n  parallelism: 2"));
        await WaitForAsync(ns, "job/later", "suspended");
        Assert.Equal("", await Kubectl.OkAsync("-n", ns, "get", "pods", "-l", "job-name=later", "-o", "name"));
        Assert.Equal("", await Kubectl.OkAsync("-n", ns, "get", "job", "later", "-o", "jsonpath={.status.startTime}"));

        await Kubectl.OkAsync("-n", ns, "patch", "job", "later", "--type=merge", "-p", "{\"spec\":{\"suspend\":false}}");
        await WaitForAsync(ns, "job/later", "complete");
        Assert.Equal("False JobResumed", await Kubectl.OkAsync("-n", ns, "get", "job", "later", "-o",
            "jsonpath={.status.conditions[?(@.type==\"Suspended\")].status} {.status.conditions[?(@.type==\"Suspended\")].reason}"));
    }

    [Fact]
    public async Task SuspendingARunningJobRemovesItsPods()
    {
        var ns = await NamespaceAsync("pause");
        await Kubectl.ApplyAsync(Job(ns, "long", "  completions: 2\n  parallelism: 2", duration: "10m"));
        await Kubectl.EventuallyAsync(o => o.Trim() == "2", Wait, "-n", ns, "get", "job", "long", "-o", "jsonpath={.status.ready}");
        await Kubectl.OkAsync("-n", ns, "patch", "job", "long", "--type=merge", "-p", "{\"spec\":{\"suspend\":true}}");
        await WaitForAsync(ns, "job/long", "suspended");
        await Kubectl.EventuallyAsync(o => o.Trim().Length == 0, Wait, "-n", ns, "get", "pods", "-l", "job-name=long", "-o", "name");
        Assert.Equal(" ", await Kubectl.OkAsync("-n", ns, "get", "job", "long", "-o", "jsonpath={.status.active} {.status.failed}"));
    }

    [Fact]
    public async Task TtlSecondsAfterFinishedDeletesTheJobAndItsPods()
    {
        var ns = await NamespaceAsync("ttl");
        await Kubectl.ApplyAsync(Job(ns, "brief", "  ttlSecondsAfterFinished: 2"));
        await WaitForAsync(ns, "job/brief", "complete");
        await Kubectl.EventuallyAsync(o => o.Trim().Length == 0, Wait, "-n", ns, "get", "jobs", "-o", "name");
        await Kubectl.EventuallyAsync(o => o.Trim().Length == 0, Wait, "-n", ns, "get", "pods", "-o", "name");
    }

    [Fact]
    public async Task ActiveDeadlineSecondsFailsAJobThatRunsTooLong()
    {
        var ns = await NamespaceAsync("deadline");
        await Kubectl.ApplyAsync(Job(ns, "slow", "  activeDeadlineSeconds: 3", duration: "10m"));
        await WaitForAsync(ns, "job/slow", "failed");
        Assert.Equal("DeadlineExceeded Job was active longer than specified deadline", await Kubectl.OkAsync("-n", ns, "get", "job", "slow", "-o",
            "jsonpath={.status.conditions[?(@.type==\"Failed\")].reason} {.status.conditions[?(@.type==\"Failed\")].message}"));
        await Kubectl.EventuallyAsync(o => o.Trim().Length == 0, Wait, "-n", ns, "get", "pods", "-l", "job-name=slow", "-o", "name");
    }

    [Fact]
    public async Task ACronJobCanBeRunByHandWithCreateJobFrom()
    {
        var ns = await NamespaceAsync("cron");
        await Kubectl.ApplyAsync($"""
            apiVersion: batch/v1
            kind: CronJob
            metadata:
              name: nightly
              namespace: {ns}
            spec:
              schedule: "0 3 * * *"
              suspend: true
              jobTemplate:
                spec:
                  template:
                    metadata:
                      annotations:
                        kubesharp.io/simulated-exit-code: "0"
                    spec:
                      restartPolicy: OnFailure
                      containers:
                      - name: main
                        image: busybox
            """);
        await Kubectl.OkAsync("-n", ns, "create", "job", "--from=cronjob/nightly", "nightly-manual");
        await WaitForAsync(ns, "job/nightly-manual", "complete");
        Assert.Equal("CronJob/nightly manual", await Kubectl.OkAsync("-n", ns, "get", "job", "nightly-manual", "-o",
            "jsonpath={.metadata.ownerReferences[0].kind}/{.metadata.ownerReferences[0].name} {.metadata.annotations.cronjob\\.kubernetes\\.io/instantiate}"));
        var cronJobs = await Kubectl.OkAsync("-n", ns, "get", "cronjobs");
        Assert.Contains("nightly", cronJobs);
        Assert.Equal("", await Kubectl.OkAsync("-n", ns, "get", "cronjob", "nightly", "-o", "jsonpath={.status.lastScheduleTime}"));
    }

    [Fact]
    public async Task ThreeJobsFromOneTemplateAllComplete()
    {
        var ns = await NamespaceAsync("group");
        var dir = Directory.CreateTempSubdirectory("jobs-").FullName;
        try
        {
            await File.WriteAllTextAsync(Path.Combine(dir, "job-tmpl.yaml"), $"""
                apiVersion: batch/v1
                kind: Job
                metadata:
                  name: process-item-$ITEM
                  namespace: {ns}
                  labels:
                    jobgroup: jobexample
                spec:
                  template:
                    metadata:
                      name: jobexample
                      labels:
                        jobgroup: jobexample
                      annotations:
                        kubesharp.io/simulated-exit-code: "0"
                    spec:
                      containers:
                      - name: c
                        image: busybox
                        command: ["sh", "-c", "echo Processing item $ITEM && sleep 5"]
                      restartPolicy: Never
                """);
            // The user-side loop: expand the template with sed, then apply each file.
            await Shell(dir, "mkdir -p jobs && for i in apple banana cherry; do sed \"s/\\$ITEM/$i/\" job-tmpl.yaml > ./jobs/job-$i.yaml; done");
            foreach (var item in new[] { "apple", "banana", "cherry" })
                await Kubectl.OkAsync("apply", "-f", Path.Combine(dir, "jobs", $"job-{item}.yaml"));
            foreach (var item in new[] { "apple", "banana", "cherry" })
                await WaitForAsync(ns, $"job/process-item-{item}", "complete");
            var jobs = await Kubectl.OkAsync("-n", ns, "get", "jobs", "-l", "jobgroup=jobexample", "-o", "name");
            Assert.Equal(["job.batch/process-item-apple", "job.batch/process-item-banana", "job.batch/process-item-cherry"],
                jobs.Split('\n', StringSplitOptions.RemoveEmptyEntries).Order().ToArray());
            Assert.Contains("echo Processing item banana", await Kubectl.OkAsync("-n", ns, "get", "job", "process-item-banana", "-o", "jsonpath={.spec.template.spec.containers[0].command}"));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    static async Task Shell(string dir, string script)
    {
        var psi = new System.Diagnostics.ProcessStartInfo("sh", ["-c", script]) { WorkingDirectory = dir, RedirectStandardError = true };
        using var p = System.Diagnostics.Process.Start(psi)!;
        var err = await p.StandardError.ReadToEndAsync();
        await p.WaitForExitAsync();
        Assert.True(p.ExitCode == 0, err);
    }

    [OptInFact("KUBESHARP_SLOW_TESTS")] // waits up to two real minutes
    [Trait("Category", "Slow")]
    public async Task ACronJobEveryMinuteStartsARealRun()
    {
        var ns = await NamespaceAsync("minutely");
        await Kubectl.ApplyAsync($"""
            apiVersion: batch/v1
            kind: CronJob
            metadata:
              name: tick
              namespace: {ns}
            spec:
              schedule: "*/1 * * * *"
              jobTemplate:
                spec:
                  template:
                    metadata:
                      annotations:
                        kubesharp.io/simulated-exit-code: "0"
                    spec:
                      restartPolicy: OnFailure
                      containers:
                      - name: main
                        image: busybox
            """);
        var job = await Kubectl.EventuallyAsync(o => o.StartsWith("job.batch/tick-", StringComparison.Ordinal), TimeSpan.FromSeconds(130), "-n", ns, "get", "jobs", "-o", "name");
        await WaitForAsync(ns, job.Split('\n')[0].Trim(), "complete");
        await Kubectl.EventuallyAsync(o => o.Length > 0, TimeSpan.FromSeconds(30), "-n", ns, "get", "cronjob", "tick", "-o", "jsonpath={.status.lastSuccessfulTime}");
        Assert.NotEmpty(await Kubectl.OkAsync("-n", ns, "get", "cronjob", "tick", "-o", "jsonpath={.status.lastScheduleTime}"));
    }
}
