using System.Security.Cryptography;
using KubeSharp.Node.Images;
using KubeSharp.Node.Network;
using KubeSharp.Node.Runtime;

namespace KubeSharp.Node.Tests.Runtime;

/// <summary>
/// One isolated runtime per test: its own prefix, bridge, pod CIDR, root directory and cgroup parent.
/// Disposing sweeps everything by prefix, so a failing test leaves nothing behind.
/// </summary>
internal sealed class TestNode : IAsyncDisposable
{
    private TestNode(string prefix, string root, ImageStore images, BridgePodNetwork network, RuncRuntime runtime)
    {
        Prefix = prefix;
        Root = root;
        Images = images;
        Network = network;
        Runtime = runtime;
    }

    public string Prefix { get; }
    public string Root { get; }
    public ImageStore Images { get; }
    public BridgePodNetwork Network { get; }
    public RuncRuntime Runtime { get; private set; }
    public string LogDirectory => Path.Combine(Root, "logs");

    public static async Task<TestNode> CreateAsync()
    {
        var prefix = "t" + RandomNumberGenerator.GetString("abcdefghijklmnopqrstuvwxyz0123456789", 5);
        var root = Path.Combine(Path.GetTempPath(), "kubesharp-test-" + prefix);
        var cidr = $"10.{RandomNumberGenerator.GetInt32(100, 200)}.{RandomNumberGenerator.GetInt32(0, 256)}.0/24";
        var images = new ImageStore(Path.Combine(root, "images"));
        await new BusyboxImageBuilder(images).EnsureAsync(CancellationToken.None);
        var network = new BridgePodNetwork(new PodNetworkOptions(prefix, cidr, Path.Combine(root, "network")));
        var runtime = await RuncRuntime.OpenAsync(new RuncRuntimeOptions(Path.Combine(root, "runtime"), prefix), images, network);
        return new TestNode(prefix, root, images, network, runtime);
    }

    /// <summary>Simulates an agent restart: a fresh runtime instance over the same directories.</summary>
    public async Task<RuncRuntime> ReopenAsync()
    {
        await Runtime.DisposeAsync();
        Runtime = await RuncRuntime.OpenAsync(new RuncRuntimeOptions(Path.Combine(Root, "runtime"), Prefix), Images, Network);
        return Runtime;
    }

    public PodSandboxConfig Pod(string name) =>
        new(new PodSandboxMetadata(name, "default", Guid.NewGuid().ToString()), name,
            new DnsConfig(["10.43.0.10"], ["default.svc.cluster.local", "svc.cluster.local"], ["ndots:5"]),
            [new HostAlias("10.1.2.3", ["foo.local", "bar.local"])]);

    public ContainerConfig Container(string name, params string[] command) =>
        new(name, "busybox", Path.Combine(LogDirectory, name + ".log"), Command: command);

    public async Task<ContainerStatus> WaitForExitAsync(string containerId, int seconds = 20)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (true)
        {
            var status = await Runtime.ContainerStatusAsync(containerId, CancellationToken.None) ?? throw new InvalidOperationException("container vanished");
            if (status.State == ContainerState.Exited)
                return status;
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"container still {status.State} after {seconds}s");
            await Task.Delay(20);
        }
    }

    public async Task<string> RunToCompletionAsync(string sandboxId, ContainerConfig config)
    {
        var id = await Runtime.CreateContainerAsync(sandboxId, config, CancellationToken.None);
        await Runtime.StartContainerAsync(id, CancellationToken.None);
        await WaitForExitAsync(id);
        return id;
    }

    public async ValueTask DisposeAsync()
    {
        await Runtime.DisposeAsync();
        await RuntimeSweeper.SweepAsync(Prefix, Root, deleteRootDirectory: true, CancellationToken.None);
    }
}
