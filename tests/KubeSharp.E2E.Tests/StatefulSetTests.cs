using System.Globalization;
using KubeSharp.E2E.Tests.Infrastructure;

namespace KubeSharp.E2E.Tests;

/// <summary>The seed's "web" StatefulSet on three simulated nodes, driven by real kubectl.</summary>
public sealed class StatefulSetTests : IAsyncLifetime
{
    KubeSharpServer _server = null!;

    Kubectl Kubectl => _server.Kubectl;

    public async Task InitializeAsync() => _server = await KubeSharpServer.StartAsync(null, "--simulated-nodes", "3");

    public async Task DisposeAsync() => await _server.DisposeAsync();

    static string Web(string ns, int replicas, string image, int partition = 0) => $"""
        apiVersion: v1
        kind: Service
        metadata:
          name: nginx
          namespace: {ns}
          labels:
            app: nginx
        spec:
          ports:
          - port: 80
            name: web
          clusterIP: None
          selector:
            app: nginx
        ---
        apiVersion: apps/v1
        kind: StatefulSet
        metadata:
          name: web
          namespace: {ns}
        spec:
          serviceName: nginx
          replicas: {replicas}
          selector:
            matchLabels:
              app: nginx
          updateStrategy:
            type: RollingUpdate
            rollingUpdate:
              partition: {partition}
          template:
            metadata:
              labels:
                app: nginx
            spec:
              containers:
              - name: nginx
                image: {image}
                ports:
                - containerPort: 80
                  name: web
                volumeMounts:
                - name: www
                  mountPath: /usr/share/nginx/html
          volumeClaimTemplates:
          - metadata:
              name: www
            spec:
              accessModes: [ReadWriteOnce]
              resources:
                requests:
                  storage: 1Gi
        """;

    Task<string> Get(string ns, params string[] args) => Kubectl.OkAsync(["-n", ns, "get", .. args]);

    static DateTimeOffset Time(string s) => DateTimeOffset.Parse(s, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);

    [Fact]
    public async Task WebStatefulSet_OrderedIdentityStorageScalingAndRollout()
    {
        await Kubectl.OkAsync("create", "namespace", "sts");
        const string ns = "sts";
        await Kubectl.ApplyAsync(Web(ns, 2, "nginx:1.9.1"));
        // The defaulted partition (0) makes kubectl report a partitioned roll out, as it does upstream.
        Assert.Contains("partitioned roll out complete: 2 new pods have been updated",
            (await Kubectl.RunAsync(["-n", ns, "rollout", "status", "statefulset/web", "--timeout=60s"], null, null, TimeSpan.FromSeconds(90))).EnsureSuccess().Stdout);

        // Ordered: web-1 was created only once web-0 was Ready.
        var web0Ready = Time(await Get(ns, "pod", "web-0", "-o", "jsonpath={.status.conditions[?(@.type==\"Ready\")].lastTransitionTime}"));
        var web0Created = Time(await Get(ns, "pod", "web-0", "-o", "jsonpath={.metadata.creationTimestamp}"));
        var web1Created = Time(await Get(ns, "pod", "web-1", "-o", "jsonpath={.metadata.creationTimestamp}"));
        Assert.True(web0Created <= web1Created && web0Ready <= web1Created, $"web-0 created {web0Created}, ready {web0Ready}; web-1 created {web1Created}");
        var events = await Get(ns, "events", "--sort-by=.metadata.creationTimestamp", "-o", "jsonpath={range .items[*]}{.message}{\"\\n\"}{end}");
        Assert.True(events.IndexOf("create Pod web-0 in StatefulSet web successful", StringComparison.Ordinal)
            < events.IndexOf("create Pod web-1 in StatefulSet web successful", StringComparison.Ordinal), events);

        // Stable network identity and storage.
        Assert.Equal("web-0 nginx app=nginx web-0 0",
            await Get(ns, "pod", "web-0", "-o", "jsonpath={.spec.hostname} {.spec.subdomain} app={.metadata.labels.app} {.metadata.labels.statefulset\\.kubernetes\\.io/pod-name} {.metadata.labels.apps\\.kubernetes\\.io/pod-index}"));
        var claims = await Get(ns, "pvc", "-o", "name");
        Assert.Contains("persistentvolumeclaim/www-web-0", claims);
        Assert.Contains("persistentvolumeclaim/www-web-1", claims);

        // A deleted pod comes back under its name with its claim.
        var oldUid = await Get(ns, "pod", "web-0", "-o", "jsonpath={.metadata.uid}");
        // --wait=false: the set may recreate web-0 before kubectl's wait looks, and that new pod never goes away.
        await Kubectl.OkAsync("-n", ns, "delete", "pod", "web-0", "--wait=false");
        await Kubectl.EventuallyAsync(o => o.StartsWith("Running ", StringComparison.Ordinal) && !o.EndsWith(oldUid, StringComparison.Ordinal),
            TimeSpan.FromSeconds(60), "-n", ns, "get", "pod", "web-0", "-o", "jsonpath={.status.phase} {.metadata.uid}");
        Assert.Equal("www-web-0", await Get(ns, "pod", "web-0", "-o", "jsonpath={.spec.volumes[?(@.name==\"www\")].persistentVolumeClaim.claimName}"));

        // Scale up to 3, then down to 1: web-2 goes before web-1, claims stay.
        await Kubectl.OkAsync("-n", ns, "scale", "statefulset", "web", "--replicas=3");
        await Kubectl.EventuallyAsync(o => o == "3", TimeSpan.FromSeconds(60), "-n", ns, "get", "sts", "web", "-o", "jsonpath={.status.readyReplicas}");
        await Kubectl.OkAsync("-n", ns, "scale", "statefulset", "web", "--replicas=1");
        await Kubectl.EventuallyAsync(o => o.Trim() == "pod/web-0", TimeSpan.FromSeconds(60), "-n", ns, "get", "pods", "-o", "name");
        var deletions = await Get(ns, "events", "--sort-by=.metadata.creationTimestamp", "-o", "jsonpath={range .items[*]}{.message}{\"\\n\"}{end}");
        Assert.True(deletions.IndexOf("delete Pod web-2 in StatefulSet web successful", StringComparison.Ordinal)
            < deletions.IndexOf("delete Pod web-1 in StatefulSet web successful", StringComparison.Ordinal), deletions);
        Assert.Contains("persistentvolumeclaim/www-web-1", await Get(ns, "pvc", "-o", "name"));
        Assert.Contains("persistentvolumeclaim/www-web-2", await Get(ns, "pvc", "-o", "name"));

        // Rolling update behind a partition: only ordinals >= 2 move to the new image.
        await Kubectl.OkAsync("-n", ns, "scale", "statefulset", "web", "--replicas=3");
        await Kubectl.EventuallyAsync(o => o == "3", TimeSpan.FromSeconds(60), "-n", ns, "get", "sts", "web", "-o", "jsonpath={.status.readyReplicas}");
        await Kubectl.OkAsync("-n", ns, "patch", "statefulset", "web", "-p", """{"spec":{"updateStrategy":{"rollingUpdate":{"partition":2}}}}""");
        await Kubectl.OkAsync("-n", ns, "set", "image", "statefulset/web", "nginx=nginx:1.10");
        var partitioned = (await Kubectl.RunAsync(["-n", ns, "rollout", "status", "statefulset/web", "--timeout=60s"], null, null, TimeSpan.FromSeconds(90))).EnsureSuccess().Stdout;
        Assert.Contains("partitioned roll out complete", partitioned);
        Assert.Equal("nginx:1.9.1 nginx:1.9.1 nginx:1.10",
            await Get(ns, "pods", "web-0", "web-1", "web-2", "-o", "jsonpath={.items[*].spec.containers[0].image}"));

        // Lifting the partition rolls the rest.
        await Kubectl.OkAsync("-n", ns, "patch", "statefulset", "web", "-p", """{"spec":{"updateStrategy":{"rollingUpdate":{"partition":0}}}}""");
        (await Kubectl.RunAsync(["-n", ns, "rollout", "status", "statefulset/web", "--timeout=90s"], null, null, TimeSpan.FromSeconds(120))).EnsureSuccess();
        Assert.Equal("nginx:1.10 nginx:1.10 nginx:1.10",
            await Get(ns, "pods", "web-0", "web-1", "web-2", "-o", "jsonpath={.items[*].spec.containers[0].image}"));

        // History and undo: undoing to revision 1 makes it revision 3.
        var history = await Kubectl.OkAsync("-n", ns, "rollout", "history", "statefulset/web");
        Assert.Matches(@"(?m)^1\s", history);
        Assert.Matches(@"(?m)^2\s", history);
        Assert.Contains("nginx:1.9.1", await Kubectl.OkAsync("-n", ns, "rollout", "history", "statefulset/web", "--revision=1"));
        Assert.Contains("rolled back", await Kubectl.OkAsync("-n", ns, "rollout", "undo", "statefulset/web"));
        (await Kubectl.RunAsync(["-n", ns, "rollout", "status", "statefulset/web", "--timeout=90s"], null, null, TimeSpan.FromSeconds(120))).EnsureSuccess();
        Assert.Equal("nginx:1.9.1 nginx:1.9.1 nginx:1.9.1",
            await Get(ns, "pods", "web-0", "web-1", "web-2", "-o", "jsonpath={.items[*].spec.containers[0].image}"));
        history = await Kubectl.OkAsync("-n", ns, "rollout", "history", "statefulset/web");
        Assert.DoesNotMatch(@"(?m)^1\s", history);
        Assert.Matches(@"(?m)^2\s", history);
        Assert.Matches(@"(?m)^3\s", history);

        var status = await Get(ns, "sts", "web", "-o", "jsonpath={.status.replicas} {.status.readyReplicas} {.status.currentReplicas} {.status.updatedReplicas} {.status.availableReplicas}");
        Assert.Equal("3 3 3 3 3", status);
        Assert.Equal(await Get(ns, "sts", "web", "-o", "jsonpath={.status.currentRevision}"), await Get(ns, "sts", "web", "-o", "jsonpath={.status.updateRevision}"));
    }

    [Fact]
    public async Task ParallelPolicy_StartsAllPods()
    {
        await Kubectl.OkAsync("create", "namespace", "sts-par");
        var yaml = Web("sts-par", 3, "nginx:1.9.1").Replace("  serviceName: nginx\n", "  serviceName: nginx\n  podManagementPolicy: Parallel\n", StringComparison.Ordinal);
        await Kubectl.ApplyAsync(yaml);
        await Kubectl.EventuallyAsync(o => o == "3", TimeSpan.FromSeconds(60), "-n", "sts-par", "get", "sts", "web", "-o", "jsonpath={.status.readyReplicas}");
        Assert.Equal("Parallel", await Get("sts-par", "sts", "web", "-o", "jsonpath={.spec.podManagementPolicy}"));
    }
}
