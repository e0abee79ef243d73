using KubeSharp.E2E.Tests.Infrastructure;

namespace KubeSharp.E2E.Tests;

/// <summary>Static pods from <c>DATA_DIR/manifests</c>: run by the node agent from the file, reflected by a mirror pod.</summary>
public sealed class StaticPodTests(ServerFixture fx) : IClassFixture<ServerFixture>
{
    Kubectl K => fx.Kubectl;

    [NodeFact]
    public async Task ManifestRunsAMirroredPodThatSurvivesMirrorDeletionFollowsEditsAndGoesWithTheFile()
    {
        var ns = await fx.NamespaceAsync("static");
        var node = (await K.OkAsync("get", "nodes", "-o", "jsonpath={.items[0].metadata.name}")).Trim();
        var nodeUid = await K.OkAsync("get", "node", node, "-o", "jsonpath={.metadata.uid}");
        var marker = "static-" + Guid.NewGuid().ToString("N")[..8];
        var folder = Path.Combine(fx.Server.DataDir, "manifests");
        Directory.CreateDirectory(folder);
        var file = Path.Combine(folder, marker + ".yaml");
        var mirror = $"web-{node}";

        try
        {
            await WriteAtomicallyAsync(file, Manifest(ns, marker, "v1"));

            await WaitAsync(ns, mirror, "{.status.phase}", p => p == "Running");
            var annotations = await Get(ns, mirror, "{.metadata.annotations}");
            Assert.Contains("\"kubernetes.io/config.source\":\"file\"", annotations);
            var hash = await Get(ns, mirror, "{.metadata.annotations.kubernetes\\.io/config\\.hash}");
            Assert.Matches("^[0-9a-f]{32}$", hash);
            Assert.Equal(hash, await Get(ns, mirror, "{.metadata.annotations.kubernetes\\.io/config\\.mirror}"));
            Assert.Equal($"v1 Node {node} {nodeUid}", await Get(ns, mirror,
                "{.metadata.ownerReferences[0].apiVersion} {.metadata.ownerReferences[0].kind} {.metadata.ownerReferences[0].name} {.metadata.ownerReferences[0].uid}"));
            Assert.Equal(node, await Get(ns, mirror, "{.spec.nodeName}"));
            Assert.Equal("v1\n", await K.OkAsync("-n", ns, "exec", mirror, "--", "sh", "-c", "echo $VERSION"));
            var container = await Get(ns, mirror, "{.status.containerStatuses[0].containerID}");
            var pids = ProcessesWith(marker);
            Assert.Single(pids);

            // Deleting the mirror only deletes the mirror: it comes back (a new object) and the container keeps running.
            var mirrorUid = await Get(ns, mirror, "{.metadata.uid}");
            await K.OkAsync("-n", ns, "delete", "pod", mirror, "--wait=true");
            await WaitAsync(ns, mirror, "{.metadata.uid} {.status.phase}", s => !s.StartsWith(mirrorUid) && s.EndsWith(" Running"));
            Assert.Equal(container, await WaitAsync(ns, mirror, "{.status.containerStatuses[0].containerID}", c => c.Length > 0));
            Assert.Equal("0", await Get(ns, mirror, "{.status.containerStatuses[0].restartCount}"));
            Assert.Equal(pids, ProcessesWith(marker));

            // Editing the file is a new pod: the old one stops, the new spec runs under a new hash.
            await WriteAtomicallyAsync(file, Manifest(ns, marker, "v2"));
            await WaitAsync(ns, mirror, "{.metadata.annotations.kubernetes\\.io/config\\.hash} {.status.phase}",
                s => !s.StartsWith(hash) && s.EndsWith(" Running"));
            Assert.Equal("v2\n", await K.OkAsync("-n", ns, "exec", mirror, "--", "sh", "-c", "echo $VERSION"));
            Assert.NotEqual(container, await Get(ns, mirror, "{.status.containerStatuses[0].containerID}"));
            await Eventually(() => ProcessesWith(marker) is { Count: 1 } now && !now.SequenceEqual(pids), "one container of the new version");

            // Removing the file stops the pod and deletes its mirror.
            File.Delete(file);
            await Eventually(async () => (await K.RunAsync("-n", ns, "get", "pod", mirror)).Stderr.Contains("NotFound"), "the mirror pod to go");
            await Eventually(() => ProcessesWith(marker).Count == 0, "the container to stop");
        }
        finally
        {
            File.Delete(file);
        }
    }

    static string Manifest(string ns, string marker, string version) => $$"""
        apiVersion: v1
        kind: Pod
        metadata:
          name: web
          namespace: {{ns}}
          labels: {app: static-web}
        spec:
          terminationGracePeriodSeconds: 5
          containers:
          - name: c
            image: busybox
            env:
            - {name: VERSION, value: "{{version}}"}
            command: ["sh", "-c", "trap 'exit 0' TERM; while true; do sleep 1; done", "{{marker}}"]
        """;

    Task<string> Get(string ns, string pod, string path) => K.OkAsync("-n", ns, "get", "pod", pod, "-o", $"jsonpath={path}");

    Task<string> WaitAsync(string ns, string pod, string path, Func<string, bool> condition, int seconds = 40) =>
        K.EventuallyAsync(condition, TimeSpan.FromSeconds(seconds), "-n", ns, "get", "pod", pod, "-o", $"jsonpath={path}");

    /// <summary>The node agent may read the folder at any moment: a file appears complete or not at all.</summary>
    static async Task WriteAtomicallyAsync(string path, string text)
    {
        var temp = Path.Combine(Path.GetDirectoryName(path)!, "." + Path.GetFileName(path) + ".tmp");
        await File.WriteAllTextAsync(temp, text);
        File.Move(temp, path, overwrite: true);
    }

    /// <summary>Processes whose command line carries the marker (the container's shell has it as $0).</summary>
    static List<int> ProcessesWith(string marker)
    {
        var result = new List<int>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out var pid)) continue;
            try
            {
                var cmdline = File.ReadAllText(Path.Combine(dir, "cmdline"));
                if (cmdline.Split('\0').Contains(marker)) result.Add(pid);
            }
            catch (IOException) { }
            catch (UnauthorizedAccessException) { }
        }
        result.Sort();
        return result;
    }

    static Task Eventually(Func<bool> condition, string what) => Eventually(() => Task.FromResult(condition()), what);

    static async Task Eventually(Func<Task<bool>> condition, string what)
    {
        var deadline = DateTime.UtcNow.AddSeconds(40);
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException("waited in vain for " + what);
            await Task.Delay(200);
        }
    }
}
