using System.Text;
using System.Text.RegularExpressions;
using KubeSharp.Node.Runtime;

namespace KubeSharp.Node.Tests.Runtime;

public sealed class RuncRuntimeTests
{
    [RootFact]
    public async Task Container_exit_code_and_output_are_recorded_in_cri_log_format()
    {
        await using var node = await TestNode.CreateAsync();
        var pod = await node.Runtime.RunPodSandboxAsync(node.Pod("echo"), CancellationToken.None);
        var config = node.Container("main", "sh", "-c", "echo hello; echo oops >&2; echo \"$HOSTNAME\"; exit 3");
        var id = await node.RunToCompletionAsync(pod.Id, config);

        var status = await node.Runtime.ContainerStatusAsync(id, CancellationToken.None);
        Assert.NotNull(status);
        Assert.Equal(ContainerState.Exited, status.State);
        Assert.Equal(3, status.ExitCode);
        Assert.Equal("Error", status.Reason);
        Assert.NotNull(status.StartedAt);
        Assert.True(status.FinishedAt >= status.StartedAt);

        var lines = await File.ReadAllLinesAsync(config.LogPath);
        Assert.All(lines, l => Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{9}Z (stdout|stderr) [FP] ", l));
        Assert.Contains(lines, l => l.EndsWith(" stdout F hello", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.EndsWith(" stderr F oops", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.EndsWith(" stdout F echo", StringComparison.Ordinal));
    }

    [RootFact]
    public async Task Pod_files_hosts_resolv_conf_and_hostname_are_shared_into_containers()
    {
        await using var node = await TestNode.CreateAsync();
        var pod = await node.Runtime.RunPodSandboxAsync(node.Pod("files"), CancellationToken.None);
        var config = node.Container("main", "sh", "-c", "cat /etc/hosts /etc/resolv.conf; hostname; ip addr show eth0; id -u");
        await node.RunToCompletionAsync(pod.Id, config);
        var log = await File.ReadAllTextAsync(config.LogPath);
        Assert.Contains($"{pod.Ip}\tfiles", log);
        Assert.Contains("10.1.2.3\tfoo.local\tbar.local", log);
        Assert.Contains("nameserver 10.43.0.10", log);
        Assert.Contains("search default.svc.cluster.local svc.cluster.local", log);
        Assert.Contains("options ndots:5", log);
        Assert.Contains("stdout F files", log);
        Assert.Contains($"inet {pod.Ip}/24", log);
        Assert.Contains("stdout F 0", log);
    }

    [RootFact]
    public async Task Containers_of_a_pod_share_localhost_and_the_host_reaches_the_pod_ip()
    {
        await using var node = await TestNode.CreateAsync();
        var www = Directory.CreateDirectory(Path.Combine(node.Root, "www")).FullName;
        await File.WriteAllTextAsync(Path.Combine(www, "index.html"), "hello from kubesharp\n");
        var pod = await node.Runtime.RunPodSandboxAsync(node.Pod("web"), CancellationToken.None);

        var web = await node.Runtime.CreateContainerAsync(pod.Id,
            node.Container("web", "httpd", "-f", "-p", "8080", "-h", "/www") with { Mounts = [new Mount(www, "/www", ReadOnly: true)] },
            CancellationToken.None);
        await node.Runtime.StartContainerAsync(web, CancellationToken.None);
        var client = await node.Runtime.CreateContainerAsync(pod.Id, node.Container("client", "sleep", "3600"), CancellationToken.None);
        await node.Runtime.StartContainerAsync(client, CancellationToken.None);

        // Through the shared network namespace: 127.0.0.1 in "client" is the same loopback as in "web".
        string body = "";
        for (var attempt = 0; attempt < 50 && !body.Contains("hello from kubesharp"); attempt++)
        {
            var stdout = new MemoryStream();
            await node.Runtime.ExecAsync(client, new ExecRequest(["wget", "-qO-", "http://127.0.0.1:8080/"], Stdout: stdout), CancellationToken.None);
            body = Encoding.UTF8.GetString(stdout.ToArray());
            if (!body.Contains("hello")) await Task.Delay(50);
        }
        Assert.Contains("hello from kubesharp", body);

        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        Assert.Equal("hello from kubesharp\n", await http.GetStringAsync($"http://{pod.Ip}:8080/"));

        // The volume is read-only inside the container.
        var exit = await node.Runtime.ExecAsync(web, new ExecRequest(["sh", "-c", "echo x > /www/new"]), CancellationToken.None);
        Assert.NotEqual(0, exit);
    }

    [RootFact]
    public async Task Memory_limited_container_is_oom_killed()
    {
        await using var node = await TestNode.CreateAsync();
        var pod = await node.Runtime.RunPodSandboxAsync(node.Pod("oom"), CancellationToken.None);
        var config = node.Container("hog", "tail", "/dev/zero") with { Resources = new ContainerResources(MemoryLimitBytes: 32L << 20) };
        var id = await node.RunToCompletionAsync(pod.Id, config);
        var status = await node.Runtime.ContainerStatusAsync(id, CancellationToken.None);
        Assert.Equal(137, status!.ExitCode);
        Assert.Equal("OOMKilled", status.Reason);
    }

    [RootFact]
    public async Task Stop_sends_sigterm_first_and_sigkill_after_the_grace_period()
    {
        await using var node = await TestNode.CreateAsync();
        var pod = await node.Runtime.RunPodSandboxAsync(node.Pod("stop"), CancellationToken.None);
        var graceful = await node.Runtime.CreateContainerAsync(pod.Id,
            node.Container("graceful", "sh", "-c", "trap 'echo bye; exit 0' TERM; echo ready; while true; do sleep 1; done"), CancellationToken.None);
        await node.Runtime.StartContainerAsync(graceful, CancellationToken.None);
        // sleep 3600 as PID 1 has no TERM handler, and init ignores unhandled signals: only SIGKILL ends it.
        var stubborn = await node.Runtime.CreateContainerAsync(pod.Id, node.Container("stubborn", "sleep", "3600"), CancellationToken.None);
        await node.Runtime.StartContainerAsync(stubborn, CancellationToken.None);
        await WaitForLogAsync(node.Container("graceful").LogPath, "stdout F ready");

        var started = DateTime.UtcNow;
        await node.Runtime.StopContainerAsync(graceful, TimeSpan.FromSeconds(20), CancellationToken.None);
        Assert.True(DateTime.UtcNow - started < TimeSpan.FromSeconds(5), "the trap should end the container well before the grace period");
        var gracefulStatus = await node.Runtime.ContainerStatusAsync(graceful, CancellationToken.None);
        Assert.Equal(0, gracefulStatus!.ExitCode);
        Assert.Contains("stdout F bye", await File.ReadAllTextAsync(node.Container("graceful").LogPath));

        started = DateTime.UtcNow;
        await node.Runtime.StopContainerAsync(stubborn, TimeSpan.FromMilliseconds(500), CancellationToken.None);
        Assert.True(DateTime.UtcNow - started >= TimeSpan.FromMilliseconds(450));
        var stubbornStatus = await node.Runtime.ContainerStatusAsync(stubborn, CancellationToken.None);
        Assert.Equal(137, stubbornStatus!.ExitCode);
        Assert.Equal("Error", stubbornStatus.Reason);
    }

    [RootFact]
    public async Task Exec_returns_the_exit_code_and_streams()
    {
        await using var node = await TestNode.CreateAsync();
        var pod = await node.Runtime.RunPodSandboxAsync(node.Pod("exec"), CancellationToken.None);
        var id = await node.Runtime.CreateContainerAsync(pod.Id, node.Container("main", "sleep", "3600") with { Env = [new EnvVar("GREETING", "hi")] }, CancellationToken.None);
        await node.Runtime.StartContainerAsync(id, CancellationToken.None);

        var stdout = new MemoryStream();
        var stderr = new MemoryStream();
        var exit = await node.Runtime.ExecAsync(id,
            new ExecRequest(["sh", "-c", "echo $GREETING; echo err >&2; exit 7"], Stdout: stdout, Stderr: stderr), CancellationToken.None);
        Assert.Equal(7, exit);
        Assert.Equal("hi\n", Encoding.UTF8.GetString(stdout.ToArray()));
        Assert.Equal("err\n", Encoding.UTF8.GetString(stderr.ToArray()));

        var echoed = new MemoryStream();
        exit = await node.Runtime.ExecAsync(id,
            new ExecRequest(["cat"], Stdin: new MemoryStream("piped input"u8.ToArray()), Stdout: echoed), CancellationToken.None);
        Assert.Equal(0, exit);
        Assert.Equal("piped input", Encoding.UTF8.GetString(echoed.ToArray()));

        var terminal = new MemoryStream();
        exit = await node.Runtime.ExecAsync(id, new ExecRequest(["sh", "-c", "tty; exit 2"], Tty: true, Stdout: terminal), CancellationToken.None);
        Assert.Equal(2, exit);
        Assert.Matches(new Regex("/dev/pts/\\d+"), Encoding.UTF8.GetString(terminal.ToArray()));
    }

    [RootFact]
    public async Task A_new_runtime_instance_re_adopts_running_containers()
    {
        await using var node = await TestNode.CreateAsync();
        var pod = await node.Runtime.RunPodSandboxAsync(node.Pod("adopt"), CancellationToken.None);
        var config = node.Container("ticker", "sh", "-c", "trap 'exit 0' TERM; i=0; while true; do echo tick$i; i=$((i+1)); sleep 0.1; done");
        var id = await node.Runtime.CreateContainerAsync(pod.Id, config, CancellationToken.None);
        await node.Runtime.StartContainerAsync(id, CancellationToken.None);
        await WaitForLogAsync(config.LogPath, "stdout F tick1");

        var runtime = await node.ReopenAsync();
        var listed = Assert.Single(await runtime.ListContainersAsync(new ContainerFilter(PodSandboxId: pod.Id), CancellationToken.None));
        Assert.Equal(id, listed.Id);
        Assert.Equal(ContainerState.Running, listed.State);
        Assert.Equal(ContainerState.Running, (await runtime.ContainerStatusAsync(id, CancellationToken.None))!.State);
        Assert.Single(await runtime.ListPodSandboxesAsync(null, CancellationToken.None));

        var linesBefore = (await File.ReadAllLinesAsync(config.LogPath)).Length;
        await Task.Delay(500);
        await runtime.StopContainerAsync(id, TimeSpan.FromSeconds(10), CancellationToken.None);
        var status = await runtime.ContainerStatusAsync(id, CancellationToken.None);
        Assert.Equal(0, status!.ExitCode);
        Assert.True((await File.ReadAllLinesAsync(config.LogPath)).Length > linesBefore, "logging resumes after re-adoption");
    }

    [RootFact]
    public async Task A_running_container_is_watched_by_the_reaper_alone_with_no_resident_runc()
    {
        await using var node = await TestNode.CreateAsync();
        var pod = await node.Runtime.RunPodSandboxAsync(node.Pod("reaped"), CancellationToken.None);
        var id = await node.Runtime.CreateContainerAsync(pod.Id, node.Container("sleeper", "sleep", "3600"), CancellationToken.None);
        await node.Runtime.StartContainerAsync(id, CancellationToken.None);

        var dir = Path.Combine(node.Root, "runtime", "containers", id);
        var waiter = int.Parse((await File.ReadAllTextAsync(Path.Combine(dir, "shim.pid"))).Trim());
        var main = int.Parse((await File.ReadAllTextAsync(Path.Combine(dir, "pid"))).Trim());
        Assert.StartsWith("reaper-", Path.GetFileName(File.ResolveLinkTarget($"/proc/{waiter}/exe", false)!.ToString()));
        Assert.Equal(waiter, ParentOf(main));
        // `runc run -d` has returned: no runc process is left under the waiter for the container's lifetime.
        var children = Directory.GetDirectories("/proc").Select(d => Path.GetFileName(d))
            .Where(n => int.TryParse(n, out _)).Select(int.Parse).Where(p => ParentOf(p) == waiter).ToList();
        Assert.Equal([main], children);

        await node.Runtime.StopContainerAsync(id, TimeSpan.FromSeconds(1), CancellationToken.None);
        var status = await node.Runtime.ContainerStatusAsync(id, CancellationToken.None);
        Assert.Equal(ContainerState.Exited, status!.State);
        // sleep is the container's PID 1 without a TERM handler, so only the SIGKILL after the grace period ends it.
        Assert.Equal(137, status.ExitCode);
    }

    static int ParentOf(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            return int.Parse(stat[(stat.LastIndexOf(')') + 2)..].Split(' ')[1]);
        }
        catch (IOException) { return -1; }
    }

    [RootFact]
    public async Task Removing_a_sandbox_leaves_no_netns_veth_mount_or_cgroup_and_sweep_removes_the_rest()
    {
        var node = await TestNode.CreateAsync();
        try
        {
            var metadataUid = Guid.NewGuid().ToString();
            var pod = await node.Runtime.RunPodSandboxAsync(node.Pod("clean") with { Metadata = new("clean", "default", metadataUid) }, CancellationToken.None);
            var id = await node.Runtime.CreateContainerAsync(pod.Id, node.Container("main", "sleep", "3600"), CancellationToken.None);
            await node.Runtime.StartContainerAsync(id, CancellationToken.None);
            var sandbox = (await node.Runtime.PodSandboxStatusAsync(pod.Id, CancellationToken.None))!;
            var veth = node.Network.Names.HostVeth(pod.Id);
            var podCgroup = $"/sys/fs/cgroup/memory/kubesharp-{node.Prefix}/pod{metadataUid}";
            Assert.True(File.Exists(sandbox.NetnsPath));
            Assert.True(Directory.Exists($"/sys/class/net/{veth}"));
            Assert.True(Directory.Exists($"{podCgroup}/{id}"));
            Assert.NotEmpty(MountsUnder(node.Root));

            await node.Runtime.RemovePodSandboxAsync(pod.Id, CancellationToken.None);
            Assert.False(File.Exists(sandbox.NetnsPath));
            Assert.False(Directory.Exists($"/sys/class/net/{veth}"));
            Assert.False(Directory.Exists(podCgroup));
            Assert.Empty(MountsUnder(node.Root));
            Assert.Empty(await node.Runtime.ListContainersAsync(null, CancellationToken.None));
            Assert.Empty(await node.Runtime.ListPodSandboxesAsync(null, CancellationToken.None));
            Assert.Empty(await node.Network.Ipam.ListAsync(CancellationToken.None));

            // A second pod left running, as after a crash: the sweep alone must clean it all.
            var crashed = await node.Runtime.RunPodSandboxAsync(node.Pod("crashed"), CancellationToken.None);
            var orphan = await node.Runtime.CreateContainerAsync(crashed.Id, node.Container("orphan", "sleep", "3600"), CancellationToken.None);
            await node.Runtime.StartContainerAsync(orphan, CancellationToken.None);
            await node.Runtime.DisposeAsync();
            await RuntimeSweeper.SweepAsync(node.Prefix, node.Root, deleteRootDirectory: true, CancellationToken.None);

            Assert.False(Directory.Exists(node.Root));
            Assert.Empty(MountsUnder(node.Root));
            Assert.Empty(Directory.EnumerateFileSystemEntries("/var/run/netns", node.Prefix + "-*"));
            Assert.DoesNotContain(Directory.EnumerateDirectories("/sys/class/net").Select(Path.GetFileName), n => n!.StartsWith(node.Prefix, StringComparison.Ordinal));
            Assert.Empty(Directory.EnumerateDirectories("/sys/fs/cgroup", $"kubesharp-{node.Prefix}", SearchOption.AllDirectories));
        }
        finally
        {
            await node.DisposeAsync();
        }
    }

    [RootFact]
    public async Task A_missing_command_fails_to_start_with_runc_s_message()
    {
        await using var node = await TestNode.CreateAsync();
        var pod = await node.Runtime.RunPodSandboxAsync(node.Pod("bad"), CancellationToken.None);
        var id = await node.Runtime.CreateContainerAsync(pod.Id, node.Container("bad", "/no/such/binary"), CancellationToken.None);
        var error = await Assert.ThrowsAsync<ContainerStartException>(() => node.Runtime.StartContainerAsync(id, CancellationToken.None));
        Assert.Contains("no such file", error.Message, StringComparison.OrdinalIgnoreCase);
        var status = await node.Runtime.ContainerStatusAsync(id, CancellationToken.None);
        Assert.Equal(ContainerState.Exited, status!.State);
        Assert.Equal("StartError", status.Reason);
    }

    private static IReadOnlyList<string> MountsUnder(string root) =>
        File.ReadLines("/proc/self/mountinfo").Select(l => l.Split(' ')[4]).Where(p => p.StartsWith(root, StringComparison.Ordinal)).ToList();

    private static async Task WaitForLogAsync(string path, string text)
    {
        for (var i = 0; i < 200; i++)
        {
            if (File.Exists(path) && (await File.ReadAllTextAsync(path)).Contains(text))
                return;
            await Task.Delay(25);
        }
        throw new TimeoutException($"\"{text}\" never appeared in {path}");
    }
}
