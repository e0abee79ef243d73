using KubeSharp.E2E.Tests.Infrastructure;

namespace KubeSharp.E2E.Tests;

/// <summary>
/// Indexed-job success and failure policies driven by the real kubectl, on simulated nodes: pods run until
/// the test scripts their exit through the simulated-exit-code annotation, pod by pod.
/// </summary>
public sealed class JobPolicyTests : IAsyncLifetime
{
    static readonly TimeSpan Wait = TimeSpan.FromSeconds(60);
    KubeSharpServer _server = null!;

    Kubectl K => _server.Kubectl;

    public async Task InitializeAsync() => _server = await KubeSharpServer.StartAsync(null, "--simulated-nodes", "2");

    public async Task DisposeAsync() => await _server.DisposeAsync();

    async Task<string> NamespaceAsync(string prefix)
    {
        var name = $"{prefix}-{Guid.NewGuid().ToString("N")[..6]}";
        await K.OkAsync("create", "namespace", name);
        return name;
    }

    static string IndexedJob(string ns, string name, int completions, string policy) => $"""
        apiVersion: batch/v1
        kind: Job
        metadata:
          name: {name}
          namespace: {ns}
        spec:
          completionMode: Indexed
          completions: {completions}
          parallelism: {completions}
        {policy}
          template:
            spec:
              restartPolicy: Never
              containers:
              - name: main
                image: busybox
                command: ["sleep", "3600"]
        """;

    Task<string> JobField(string ns, string job, string path) => K.OkAsync("-n", ns, "get", "job", job, "-o", $"jsonpath={path}");

    /// <summary>Makes the running, not yet scripted pod of <paramref name="index"/> exit with <paramref name="code"/>; returns its name.</summary>
    async Task<string> ExitIndexAsync(string ns, string job, int index, int code)
    {
        var pods = await K.EventuallyAsync(o => RunningUnscripted(o).Any(), Wait, "-n", ns, "get", "pods", "-l",
            $"job-name={job},batch.kubernetes.io/job-completion-index={index}", "-o",
            "jsonpath={range .items[*]}{.metadata.name} {.status.phase} {.metadata.deletionTimestamp} {.metadata.annotations.kubesharp\\.io/simulated-exit-code}{\"\\n\"}{end}");
        var pod = RunningUnscripted(pods).First();
        await K.OkAsync("-n", ns, "annotate", "pod", pod, $"kubesharp.io/simulated-exit-code={code}");
        return pod;

        static IEnumerable<string> RunningUnscripted(string lines) => lines.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(l => l.Split(' '))
            .Where(f => f.Length >= 2 && f[1] == "Running" && f.Skip(2).All(string.IsNullOrEmpty))
            .Select(f => f[0]);
    }

    [Fact]
    public async Task AnIndexedJobWithASuccessPolicyCompletesOnceTheNamedIndexesSucceed()
    {
        var ns = await NamespaceAsync("early");
        await K.ApplyAsync(IndexedJob(ns, "early", 4, """
              successPolicy:
                rules:
                - succeededIndexes: "0-1"
            """));
        await K.EventuallyAsync(o => o == "4", Wait, "-n", ns, "get", "job", "early", "-o", "jsonpath={.status.ready}");
        await ExitIndexAsync(ns, "early", 0, 0);
        await ExitIndexAsync(ns, "early", 1, 0);

        await K.OkAsync("-n", ns, "wait", "--for=condition=complete", "job/early", "--timeout=60s");
        Assert.Equal("SuccessCriteriaMet Complete|SuccessPolicy Matched rules at index 0|0,1 2|",
            await JobField(ns, "early", "{.status.conditions[*].type}|{.status.conditions[?(@.type==\"Complete\")].reason} "
                + "{.status.conditions[?(@.type==\"Complete\")].message}|{.status.completedIndexes} {.status.succeeded}|{.status.active}"));
        // Indexes 2 and 3 never ran to the end: their pods were removed, only the two that succeeded are left.
        await K.EventuallyAsync(o => o.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length == 2, Wait,
            "-n", ns, "get", "pods", "-l", "job-name=early", "-o", "name");
    }

    [Fact]
    public async Task AnIndexThatKeepsFailingUsesUpItsBackoffLimitPerIndexAndFailsTheJob()
    {
        var ns = await NamespaceAsync("perindex");
        await K.ApplyAsync(IndexedJob(ns, "flaky", 3, "  backoffLimitPerIndex: 1"));
        Assert.Equal(int.MaxValue.ToString(), await JobField(ns, "flaky", "{.spec.backoffLimit}"));
        await ExitIndexAsync(ns, "flaky", 0, 0);
        await ExitIndexAsync(ns, "flaky", 2, 0);
        await ExitIndexAsync(ns, "flaky", 1, 1);
        // The index's retry comes after its own 10 s back-off and knows it is the index's second attempt.
        var retry = await ExitIndexAsync(ns, "flaky", 1, 1);
        Assert.Equal("1", await K.OkAsync("-n", ns, "get", "pod", retry, "-o", "jsonpath={.metadata.annotations.batch\\.kubernetes\\.io/job-index-failure-count}"));

        await K.OkAsync("-n", ns, "wait", "--for=condition=failed", "job/flaky", "--timeout=60s");
        Assert.Equal("FailureTarget Failed|FailedIndexes Job has failed indexes|1|0,2|2 2",
            await JobField(ns, "flaky", "{.status.conditions[*].type}|{.status.conditions[?(@.type==\"Failed\")].reason} "
                + "{.status.conditions[?(@.type==\"Failed\")].message}|{.status.failedIndexes}|{.status.completedIndexes}|{.status.succeeded} {.status.failed}"));
    }
}

/// <summary>Jobs on the real node agent (runc): the seed's pi job, and a job that outlives a restart of the server.</summary>
public sealed class RealNodeJobTests(ServerFixture fx) : IClassFixture<ServerFixture>
{
    static readonly TimeSpan Wait = TimeSpan.FromSeconds(120);

    [NodeFact]
    public async Task ThePiJobComputesPiAndItsLogsShowIt()
    {
        var ns = await fx.NamespaceAsync("pi");
        await fx.Kubectl.ApplyAsync($$"""
            apiVersion: batch/v1
            kind: Job
            metadata:
              name: pi
              namespace: {{ns}}
            spec:
              template:
                spec:
                  containers:
                  - name: pi
                    image: busybox
                    command: ["sh", "-c", "echo \"scale=100; 4*a(1)\" | bc -l"]
                  restartPolicy: Never
              backoffLimit: 4
            """);
        await fx.Kubectl.OkAsync("-n", ns, "wait", "--for=condition=complete", "job/pi", "--timeout=120s");
        var logs = await fx.Kubectl.OkAsync("-n", ns, "logs", "job/pi");
        Assert.StartsWith("3.14159265358979323846", logs);
        // status.active is left out once it is 0, as upstream's omitempty does.
        Assert.Equal("1/", await fx.Kubectl.OkAsync("-n", ns, "get", "job", "pi", "-o", "jsonpath={.status.succeeded}/{.status.active}"));
    }

    static string SleepyJob(string ns, string name, int completions, string restartPolicy, string script) => $$"""
        apiVersion: batch/v1
        kind: Job
        metadata:
          name: {{name}}
          namespace: {{ns}}
        spec:
          completions: {{completions}}
          parallelism: {{completions}}
          template:
            spec:
              restartPolicy: {{restartPolicy}}
              volumes:
              - name: work
                emptyDir: {}
              containers:
              - name: main
                image: busybox
                command: ["sh", "-c", "{{script}}"]
                volumeMounts:
                - name: work
                  mountPath: /work
        """;

    [NodeFact]
    public async Task AJobThatIsRunningWhenTheServerRestartsCompletesWithoutExtraPods()
    {
        // Containers must outlive the stop for this test: the agent keeps them and adopts them on the next start.
        var server = await KubeSharpServer.StartAsync(null, "--cleanup-on-exit=false");
        try
        {
            var k = server.Kubectl;
            await k.OkAsync("create", "namespace", "restart");
            // Never: a failure would mean a new pod; none fails here, so exactly two pods ever exist.
            await k.ApplyAsync(SleepyJob("restart", "never", 2, "Never", "sleep 40"));
            // OnFailure: the first run fails and the kubelet restarts the container in the same pod (the emptyDir survives it).
            await k.ApplyAsync(SleepyJob("restart", "onfailure", 1, "OnFailure",
                "if [ -f /work/failed-once ]; then sleep 20; else touch /work/failed-once; exit 1; fi"));

            await k.EventuallyAsync(o => o == "2", Wait, "-n", "restart", "get", "job", "never", "-o", "jsonpath={.status.ready}");
            var restarted = await k.EventuallyAsync(o => o.StartsWith("Running ", StringComparison.Ordinal) && int.Parse(o.Split(' ')[1]) >= 1, Wait,
                "-n", "restart", "get", "pods", "-l", "job-name=onfailure", "-o", "jsonpath={.items[0].status.phase} {.items[0].status.containerStatuses[0].restartCount}");
            var onFailurePod = await k.OkAsync("-n", "restart", "get", "pods", "-l", "job-name=onfailure", "-o", "jsonpath={.items[0].metadata.uid}");

            await server.StopProcessAsync();
            await server.StartProcessAsync();

            await k.OkAsync("-n", "restart", "wait", "--for=condition=complete", "job/never", "job/onfailure", "--timeout=120s");
            Assert.Equal("2  SuccessCriteriaMet Complete", await k.OkAsync("-n", "restart", "get", "job", "never", "-o",
                "jsonpath={.status.succeeded} {.status.failed} {.status.conditions[*].type}"));
            Assert.Equal("1 ", await k.OkAsync("-n", "restart", "get", "job", "onfailure", "-o", "jsonpath={.status.succeeded} {.status.failed}"));

            // Pods ever created: the job controller's SuccessfulCreate events, kept in the store across the restart.
            Assert.Equal(2, await CreatedPodsAsync(k, "never"));
            Assert.Equal(1, await CreatedPodsAsync(k, "onfailure"));
            Assert.Equal(2, (await k.OkAsync("-n", "restart", "get", "pods", "-l", "job-name=never", "-o", "name")).Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
            var after = await k.OkAsync("-n", "restart", "get", "pods", "-l", "job-name=onfailure", "-o",
                "jsonpath={.items[*].metadata.uid} {.items[*].status.phase} {.items[*].status.containerStatuses[0].restartCount}");
            var fields = after.Split(' ');
            Assert.True(fields.Length == 3 && fields[0] == onFailurePod && fields[1] == "Succeeded" && int.Parse(fields[2]) >= int.Parse(restarted.Split(' ')[1]), after);
        }
        finally
        {
            await server.StopProcessAsync();
            // A second start on the same data dir with the default --cleanup-on-exit removes what the first left behind.
            await using (var cleaner = new KubeSharpServer(server.DataDir))
                await cleaner.StartProcessAsync();
            await server.DisposeAsync();
        }
    }

    static async Task<int> CreatedPodsAsync(Kubectl k, string job)
    {
        var events = await k.OkAsync("-n", "restart", "get", "events", "--field-selector", $"involvedObject.name={job}", "-o",
            "jsonpath={range .items[*]}{.reason} {.message}{\"\\n\"}{end}");
        return events.Split('\n', StringSplitOptions.RemoveEmptyEntries).Where(l => l.StartsWith("SuccessfulCreate ", StringComparison.Ordinal)).Distinct().Count();
    }
}
