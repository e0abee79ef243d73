using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using KubeSharp.E2E.Tests.Infrastructure;
using KubeSharp.Node.Kubelet;

namespace KubeSharp.E2E.Tests;

/// <summary>A test that needs the real node agent (root, runc, iproute2); skipped with the reason elsewhere.</summary>
public sealed class NodeFactAttribute : FactAttribute
{
    public NodeFactAttribute()
    {
        if (NodeAgent.MissingRequirement() is { } reason) Skip = reason;
    }
}

/// <summary>Pods on the in-process node agent (runc), driven by the real kubectl.</summary>
public sealed class PodTests(ServerFixture fx) : IClassFixture<ServerFixture>
{
    Kubectl K => fx.Kubectl;

    Task<string> Jsonpath(string ns, string pod, string path) => K.OkAsync("-n", ns, "get", "pod", pod, "-o", $"jsonpath={path}");

    Task<string> WaitForAsync(string ns, string pod, string path, Func<string, bool> condition, int seconds = 30) =>
        K.EventuallyAsync(condition, TimeSpan.FromSeconds(seconds), "-n", ns, "get", "pod", pod, "-o", $"jsonpath={path}");

    [NodeFact]
    public async Task WebPodRunsAndServesExecCpLogsPortForwardAndDescribe()
    {
        var ns = await fx.NamespaceAsync("web");
        var started = Stopwatch.StartNew();
        await K.OkAsync("-n", ns, "run", "web", "--image=busybox", "--", "httpd", "-f", "-p", "8080");
        await WaitForAsync(ns, "web", "{.status.phase}", p => p == "Running", 20);
        var runningAfter = started.Elapsed;
        Assert.True(runningAfter < TimeSpan.FromSeconds(10), $"Running after {runningAfter}");

        var ip = await Jsonpath(ns, "web", "{.status.podIP}");
        Assert.StartsWith("10.42.", ip);
        Assert.Equal("True", await Jsonpath(ns, "web", "{.status.conditions[?(@.type==\"Ready\")].status}"));
        Assert.StartsWith("runc://", await Jsonpath(ns, "web", "{.status.containerStatuses[0].containerID}"));
        await K.OkAsync("-n", ns, "exec", "web", "--", "sh", "-c", "echo served-by-kubesharp > /index.html");
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        Assert.Equal("served-by-kubesharp\n", await http.GetStringAsync($"http://{ip}:8080/index.html"));

        var failing = await K.RunAsync("-n", ns, "exec", "web", "--", "sh", "-c", "echo out; echo err >&2; exit 3");
        Assert.Equal(3, failing.ExitCode);
        Assert.Equal("out\n", failing.Stdout);
        Assert.Contains("err", failing.Stderr);

        // -it through a real terminal (script gives kubectl a pty): the shell's exit code comes back too.
        var tty = await RunWithTerminalAsync($"kubectl -n {ns} exec -it web -- sh", "echo tty-$((40+2)); exit 5\n");
        Assert.Equal(5, tty.ExitCode);
        Assert.Contains("tty-42", tty.Output);

        var local = Path.Combine(Path.GetTempPath(), "kubesharp-cp-" + Guid.NewGuid().ToString("N")[..6]);
        await File.WriteAllTextAsync(local, "copied in\n");
        try
        {
            await K.OkAsync("-n", ns, "cp", local, "web:/tmp/in.txt");
            Assert.Equal("copied in\n", await K.OkAsync("-n", ns, "exec", "web", "--", "cat", "/tmp/in.txt"));
            await K.OkAsync("-n", ns, "exec", "web", "--", "sh", "-c", "echo copied out > /tmp/out.txt");
            await K.OkAsync("-n", ns, "cp", "web:/tmp/out.txt", local + ".out");
            Assert.Equal("copied out\n", await File.ReadAllTextAsync(local + ".out"));
        }
        finally
        {
            File.Delete(local);
            File.Delete(local + ".out");
        }

        Assert.Equal("served-by-kubesharp\n", await PortForwardGetAsync(ns, "web", 8080, "/index.html"));

        var describe = await K.OkAsync("-n", ns, "describe", "pod", "web");
        Assert.Contains("Successfully assigned", describe);
        Assert.Contains("Created container: web", describe);
        Assert.Contains("Started container web", describe);
        Assert.Matches(@"Status:\s+Running", describe);
    }

    [NodeFact]
    public async Task LogsFollowPreviousTailAndTimestamps()
    {
        var ns = await fx.NamespaceAsync("logs");
        await K.ApplyAsync($$"""
            apiVersion: v1
            kind: Pod
            metadata: {name: counter, namespace: {{ns}}}
            spec:
              restartPolicy: OnFailure
              containers:
              - name: c
                image: busybox
                command: ["sh", "-c", "for i in 1 2 3 4 5; do echo line $i; sleep 0.3; done; [ -f /tmp/again ] || exit 1"]
            """);
        await WaitForAsync(ns, "counter", "{.status.phase}", p => p is "Running" or "Succeeded", 20);
        // -f follows until the container exits, so every line arrives and kubectl returns.
        var followed = await K.OkAsync("-n", ns, "logs", "-f", "counter");
        Assert.Contains("line 1\n", followed);
        await WaitForAsync(ns, "counter", "{.status.containerStatuses[0].restartCount}", r => r is "1" or "2", 30);
        var previous = await K.OkAsync("-n", ns, "logs", "counter", "--previous");
        Assert.Equal("line 1\nline 2\nline 3\nline 4\nline 5\n", previous);
        Assert.Equal("line 4\nline 5\n", await K.OkAsync("-n", ns, "logs", "counter", "--previous", "--tail=2"));
        Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d+Z line 1\n", await K.OkAsync("-n", ns, "logs", "counter", "--previous", "--timestamps"));
        Assert.Equal("line", await K.OkAsync("-n", ns, "logs", "counter", "--previous", "--limit-bytes=4"));
    }

    [NodeFact]
    public async Task CrashingContainerReachesCrashLoopBackOffWithGrowingBackoff()
    {
        var ns = await fx.NamespaceAsync("crash");
        await K.OkAsync("-n", ns, "run", "crash", "--image=busybox", "--", "sh", "-c", "echo dying; exit 2");
        await WaitForAsync(ns, "crash", "{.status.containerStatuses[0].state.waiting.reason}", r => r == "CrashLoopBackOff", 30);
        var first = await Jsonpath(ns, "crash", "{.status.containerStatuses[0].state.waiting.message}");
        Assert.Contains("back-off 10s restarting failed container=crash pod=crash_" + ns, first);
        Assert.Equal("2", await Jsonpath(ns, "crash", "{.status.containerStatuses[0].lastState.terminated.exitCode}"));
        await WaitForAsync(ns, "crash", "{.status.containerStatuses[0].state.waiting.message}", m => m.Contains("back-off 20s"), 40);
        Assert.Contains("CrashLoopBackOff", await K.OkAsync("-n", ns, "get", "pod", "crash"));
        Assert.Contains("Back-off restarting failed container crash", await K.OkAsync("-n", ns, "describe", "pod", "crash"));
    }

    [NodeFact]
    public async Task LivenessFailureRestartsAndReadinessTogglesReady()
    {
        var ns = await fx.NamespaceAsync("probes");
        await K.ApplyAsync($$"""
            apiVersion: v1
            kind: Pod
            metadata: {name: live, namespace: {{ns}}}
            spec:
              terminationGracePeriodSeconds: 1
              containers:
              - name: c
                image: busybox
                command: ["sh", "-c", "touch /tmp/healthy; sleep 2; rm /tmp/healthy; sleep 600"]
                livenessProbe: {exec: {command: ["cat", "/tmp/healthy"]}, periodSeconds: 1, failureThreshold: 2}
            ---
            apiVersion: v1
            kind: Pod
            metadata: {name: ready, namespace: {{ns}}}
            spec:
              containers:
              - name: c
                image: busybox
                command: ["sh", "-c", "mkdir -p /www; echo ok > /www/ok; exec httpd -f -p 8080 -h /www"]
                readinessProbe: {httpGet: {path: /ok, port: 8080}, periodSeconds: 1}
            """);
        await WaitForAsync(ns, "live", "{.status.containerStatuses[0].restartCount}", r => r is not ("" or "0"), 30);
        var events = await K.OkAsync("-n", ns, "get", "events", "--field-selector", "involvedObject.name=live");
        Assert.Contains("Liveness probe failed", events);
        Assert.Contains("Container c failed liveness probe, will be restarted", events);

        await WaitForAsync(ns, "ready", "{.status.conditions[?(@.type==\"Ready\")].status}", s => s == "True", 20);
        await K.OkAsync("-n", ns, "exec", "ready", "--", "rm", "/www/ok");
        await WaitForAsync(ns, "ready", "{.status.conditions[?(@.type==\"Ready\")].status}", s => s == "False", 10);
        Assert.Equal("false", await Jsonpath(ns, "ready", "{.status.containerStatuses[0].ready}"));
        await K.OkAsync("-n", ns, "exec", "ready", "--", "sh", "-c", "echo ok > /www/ok");
        await WaitForAsync(ns, "ready", "{.status.conditions[?(@.type==\"Ready\")].status}", s => s == "True", 10);
    }

    [NodeFact]
    public async Task EnvironmentFromConfigMapSecretFieldsAndMissingReferences()
    {
        var ns = await fx.NamespaceAsync("env");
        await K.OkAsync("-n", ns, "create", "configmap", "cfg", "--from-literal=greeting=hello", "--from-literal=color=blue");
        await K.OkAsync("-n", ns, "create", "secret", "generic", "sec", "--from-literal=password=s3cret");
        await K.ApplyAsync($$"""
            apiVersion: v1
            kind: Pod
            metadata: {name: env, namespace: {{ns}}, labels: {app: shop} }
            spec:
              restartPolicy: Never
              containers:
              - name: c
                image: busybox
                command: ["sh", "-c", "echo G=$GREETING P=$PASSWORD N=$NAME L=$APP X=$(MSG) C=$CFG_color; cat /cfg/color; echo; cat /sec/password"]
                env:
                - {name: GREETING, valueFrom: {configMapKeyRef: {name: cfg, key: greeting} } }
                - {name: PASSWORD, valueFrom: {secretKeyRef: {name: sec, key: password} } }
                - {name: NAME, valueFrom: {fieldRef: {fieldPath: metadata.name} } }
                - {name: APP, valueFrom: {fieldRef: {fieldPath: "metadata.labels['app']"} } }
                - {name: MSG, value: "$(GREETING)-world"}
                envFrom: [{prefix: CFG_, configMapRef: {name: cfg} }]
                volumeMounts: [{name: cfg, mountPath: /cfg}, {name: sec, mountPath: /sec}]
              volumes:
              - {name: cfg, configMap: {name: cfg} }
              - {name: sec, secret: {secretName: sec} }
            ---
            apiVersion: v1
            kind: Pod
            metadata: {name: missing, namespace: {{ns}}}
            spec:
              containers:
              - name: c
                image: busybox
                command: ["sleep", "600"]
                env:
                - {name: X, valueFrom: {configMapKeyRef: {name: nope, key: k} } }
            """);
        await WaitForAsync(ns, "env", "{.status.phase}", p => p == "Succeeded", 30);
        Assert.Equal("G=hello P=s3cret N=env L=shop X=hello-world C=blue\nblue\ns3cret\n", await K.OkAsync("-n", ns, "logs", "env"));

        await WaitForAsync(ns, "missing", "{.status.containerStatuses[0].state.waiting.reason}", r => r == "CreateContainerConfigError", 20);
        Assert.Equal("configmap \"nope\" not found", await Jsonpath(ns, "missing", "{.status.containerStatuses[0].state.waiting.message}"));
        Assert.Contains("Error: configmap \"nope\" not found", await K.OkAsync("-n", ns, "describe", "pod", "missing"));
        await K.OkAsync("-n", ns, "create", "configmap", "nope", "--from-literal=k=v");
        await WaitForAsync(ns, "missing", "{.status.phase}", p => p == "Running", 20);
    }

    [NodeFact]
    public async Task ContainersShareEmptyDirAndLocalhostAfterAnInitContainer()
    {
        var ns = await fx.NamespaceAsync("share");
        await K.ApplyAsync($$"""
            apiVersion: v1
            kind: Pod
            metadata: {name: pair, namespace: {{ns}}}
            spec:
              initContainers:
              - {name: init, image: busybox, command: ["sh", "-c", "echo from-init > /shared/index.html"], volumeMounts: [{name: shared, mountPath: /shared}]}
              containers:
              - {name: server, image: busybox, command: ["httpd", "-f", "-p", "8080", "-h", "/shared"], volumeMounts: [{name: shared, mountPath: /shared}]}
              - name: client
                image: busybox
                command: ["sh", "-c", "until wget -qO- http://127.0.0.1:8080/index.html; do sleep 0.2; done; echo appended >> /data/index.html; sleep 600"]
                volumeMounts: [{name: shared, mountPath: /data}]
              volumes: [{name: shared, emptyDir: {} }]
            """);
        await WaitForAsync(ns, "pair", "{.status.phase}", p => p == "Running", 30);
        Assert.Equal("Completed", await Jsonpath(ns, "pair", "{.status.initContainerStatuses[0].state.terminated.reason}"));
        await K.EventuallyAsync(o => o.Contains("from-init"), TimeSpan.FromSeconds(15), "-n", ns, "logs", "pair", "-c", "client");
        await K.EventuallyAsync(o => o == "from-init\nappended\n", TimeSpan.FromSeconds(15), "-n", ns, "exec", "pair", "-c", "server", "--", "cat", "/shared/index.html");
    }

    [NodeFact]
    public async Task MemoryLimitOomKillsAndPiJobCompletes()
    {
        var ns = await fx.NamespaceAsync("run");
        await K.ApplyAsync($$"""
            apiVersion: v1
            kind: Pod
            metadata: {name: oom, namespace: {{ns}}}
            spec:
              restartPolicy: Never
              containers:
              - {name: c, image: busybox, command: ["sh", "-c", "tail /dev/zero"], resources: {limits: {memory: 32Mi} } }
            ---
            apiVersion: v1
            kind: Pod
            metadata: {name: pi, namespace: {{ns}}}
            spec:
              restartPolicy: Never
              containers:
              - {name: pi, image: busybox, command: ["sh", "-c", "echo 'scale=1000; 4*a(1)' | bc -l"]}
            """);
        await WaitForAsync(ns, "oom", "{.status.phase}", p => p == "Failed", 30);
        Assert.Equal("OOMKilled 137", await Jsonpath(ns, "oom", "{.status.containerStatuses[0].state.terminated.reason} {.status.containerStatuses[0].state.terminated.exitCode}"));
        Assert.Equal("Burstable", await Jsonpath(ns, "oom", "{.status.qosClass}"));

        await WaitForAsync(ns, "pi", "{.status.phase}", p => p == "Succeeded", 30);
        Assert.Equal("Completed", await Jsonpath(ns, "pi", "{.status.containerStatuses[0].state.terminated.reason}"));
        Assert.StartsWith("3.1415926535", await K.OkAsync("-n", ns, "logs", "pi"));
        Assert.Contains("Completed", await K.OkAsync("-n", ns, "get", "pod", "pi"));
    }

    [NodeFact]
    public async Task GracefulDeleteRunsPreStopThenTermAndRemovesThePod()
    {
        var ns = await fx.NamespaceAsync("grace");
        var outDir = Directory.CreateTempSubdirectory("kubesharp-grace-").FullName;
        try
        {
            await K.ApplyAsync($$"""
                apiVersion: v1
                kind: Pod
                metadata: {name: graceful, namespace: {{ns}}}
                spec:
                  terminationGracePeriodSeconds: 20
                  containers:
                  - name: c
                    image: busybox
                    command: ["sh", "-c", "trap 'echo TERM >> /out/log; exit 0' TERM; while true; do sleep 0.2; done"]
                    lifecycle: {preStop: {exec: {command: ["sh", "-c", "echo preStop >> /out/log"]} } }
                    volumeMounts: [{name: out, mountPath: /out}]
                  volumes: [{name: out, hostPath: {path: {{outDir}}, type: Directory} }]
                """);
            await WaitForAsync(ns, "graceful", "{.status.phase}", p => p == "Running", 30);
            var ip = await Jsonpath(ns, "graceful", "{.status.podIP}");
            var deleting = Stopwatch.StartNew();
            await K.OkAsync("-n", ns, "delete", "pod", "graceful");
            Assert.True(deleting.Elapsed < TimeSpan.FromSeconds(15), $"delete took {deleting.Elapsed}");
            Assert.Equal("preStop\nTERM\n", await File.ReadAllTextAsync(Path.Combine(outDir, "log")));
            Assert.Contains("NotFound", (await K.RunAsync("-n", ns, "get", "pod", "graceful")).Stderr);
            // The sandbox is gone with it: nothing answers on its address any more.
            using var ping = new System.Net.NetworkInformation.Ping();
            Assert.NotEqual(System.Net.NetworkInformation.IPStatus.Success, (await ping.SendPingAsync(ip, 300)).Status);
        }
        finally
        {
            Directory.Delete(outDir, recursive: true);
        }
    }

    [NodeFact]
    public async Task MissingImageReportsErrImagePullThenImagePullBackOff()
    {
        var ns = await fx.NamespaceAsync("image");
        await K.OkAsync("-n", ns, "run", "ghost", "--image=registry.invalid/ghost:1.0");
        await WaitForAsync(ns, "ghost", "{.status.containerStatuses[0].state.waiting.reason}", r => r is "ErrImagePull" or "ImagePullBackOff", 20);
        await WaitForAsync(ns, "ghost", "{.status.containerStatuses[0].state.waiting.reason}", r => r == "ImagePullBackOff", 20);
        var describe = await K.OkAsync("-n", ns, "describe", "pod", "ghost");
        Assert.Contains("Pulling image \"registry.invalid/ghost:1.0\"", describe);
        Assert.Contains("Failed to pull image \"registry.invalid/ghost:1.0\"", describe);
        Assert.Contains("Back-off pulling image", describe);
    }

    [NodeFact]
    public async Task RestartedAgentAdoptsRunningContainersAndStopRemovesEverything()
    {
        await using var server = await KubeSharpServer.StartAsync();
        var k = server.Kubectl;
        await k.OkAsync("run", "keeper", "--image=busybox", "--", "sleep", "3600");
        await k.EventuallyAsync(p => p == "Running", TimeSpan.FromSeconds(20), "get", "pod", "keeper", "-o", "jsonpath={.status.phase}");
        var before = await k.OkAsync("get", "pod", "keeper", "-o", "jsonpath={.status.containerStatuses[0].containerID} {.status.podIP}");

        // A crash of the server leaves the container running; the next start maps it back to its pod.
        await server.StopProcessAsync(kill: true);
        await server.StartProcessAsync();
        await Task.Delay(3000);
        Assert.Equal(before, await k.OkAsync("get", "pod", "keeper", "-o", "jsonpath={.status.containerStatuses[0].containerID} {.status.podIP}"));
        Assert.Equal("0 Running", await k.OkAsync("get", "pod", "keeper", "-o", "jsonpath={.status.containerStatuses[0].restartCount} {.status.phase}"));

        var prefix = KubeSharp.Cli.AgentHost.InstancePrefix(server.DataDir);
        Assert.True(Directory.Exists($"/sys/class/net/{prefix}0"));
        await server.StopProcessAsync();
        Assert.False(Directory.Exists($"/sys/class/net/{prefix}0"), "the bridge outlived --cleanup-on-exit");
        Assert.DoesNotContain(Directory.EnumerateDirectories("/sys/class/net"), l => Path.GetFileName(l).StartsWith(prefix, StringComparison.Ordinal));
        Assert.Empty(Directory.Exists("/var/run/netns") ? Directory.EnumerateFiles("/var/run/netns", prefix + "-*") : []);
        Assert.False(Directory.Exists($"/sys/fs/cgroup/memory/kubesharp-{prefix}"), "the cgroup parent outlived --cleanup-on-exit");
    }

    /// <summary>Runs a command under <c>script</c>, which gives it a pseudo-terminal, feeding it <paramref name="input"/>.</summary>
    async Task<(int ExitCode, string Output)> RunWithTerminalAsync(string command, string input)
    {
        var psi = new ProcessStartInfo("script", ["-qefc", command, "/dev/null"])
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        psi.Environment["KUBECONFIG"] = fx.Server.KubeconfigPath;
        psi.Environment["HOME"] = fx.Server.Home;
        using var process = Process.Start(psi)!;
        var output = process.StandardOutput.ReadToEndAsync();
        await Task.Delay(1500); // let the remote shell come up before typing
        await process.StandardInput.WriteAsync(input);
        await process.StandardInput.FlushAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await output);
    }

    /// <summary><c>kubectl port-forward</c> to a free local port, then one HTTP GET through it.</summary>
    async Task<string> PortForwardGetAsync(string ns, string pod, int port, string path)
    {
        var local = FreePort();
        var psi = new ProcessStartInfo(Kubectl.Binary, ["-n", ns, "port-forward", "pod/" + pod, $"{local}:{port}"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        psi.Environment["KUBECONFIG"] = fx.Server.KubeconfigPath;
        psi.Environment["HOME"] = fx.Server.Home;
        using var process = Process.Start(psi)!;
        try
        {
            if (!await ReadUntilAsync(process.StandardOutput, "Forwarding from", TimeSpan.FromSeconds(15)))
            {
                process.Kill(entireProcessTree: true);
                Assert.Fail("port-forward did not start: " + await process.StandardError.ReadToEndAsync());
            }
            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
            return await http.GetStringAsync($"http://127.0.0.1:{local}{path}");
        }
        finally
        {
            process.Kill(entireProcessTree: true);
        }
    }

    static async Task<bool> ReadUntilAsync(StreamReader reader, string marker, TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            // Pipe reads on Linux ignore cancellation, so the wait itself carries the timeout.
            while (await reader.ReadLineAsync(cts.Token).AsTask().WaitAsync(cts.Token) is { } line)
                if (line.Contains(marker, StringComparison.Ordinal)) return true;
        }
        catch (OperationCanceledException) { }
        return false;
    }

    static int FreePort()
    {
        using var l = new TcpListener(IPAddress.Loopback, 0);
        l.Start();
        return ((IPEndPoint)l.LocalEndpoint).Port;
    }
}
