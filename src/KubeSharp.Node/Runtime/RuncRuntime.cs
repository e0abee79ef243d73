using System.Collections.Concurrent;
using System.Security.Cryptography;
using KubeSharp.Node.Images;
using KubeSharp.Node.Network;
using KubeSharp.Node.Runtime.Cgroups;
using KubeSharp.Node.Runtime.Logging;
using KubeSharp.Node.Runtime.Native;
using KubeSharp.Node.Runtime.Runc;
using KubeSharp.Node.Runtime.Sandbox;

namespace KubeSharp.Node.Runtime;

/// <summary>
/// <see cref="IContainerRuntime"/> on runc. Everything it knows is on disk under its root directory, so a new
/// instance over the same directory (the agent restarted) finds the sandboxes and containers, running ones included,
/// and resumes copying their logs. See <see cref="ContainerShim"/> for how processes outlive the agent.
/// </summary>
public sealed partial class RuncRuntime : IContainerRuntime, IAsyncDisposable
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(5);
    private static readonly TimeSpan KillTimeout = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan LogDrainTimeout = TimeSpan.FromSeconds(2);

    private readonly RuncRuntimeOptions _options;
    private readonly IImageStore _images;
    private readonly IPodNetwork _network;
    private readonly TimeProvider _time;
    private readonly RuntimeLayout _layout;
    private readonly RuncCli _runc;
    private readonly RuncExec _exec;
    private readonly KeyedLock _locks = new();
    /// <summary>The compiled container reaper, or null when runc must stay in the foreground (no compiler here).</summary>
    private string? _reaper;
    private readonly ConcurrentDictionary<string, CriLogPump> _logPumps = new(StringComparer.Ordinal);

    private RuncRuntime(RuncRuntimeOptions options, IImageStore images, IPodNetwork network, TimeProvider time)
    {
        _options = options;
        _images = images;
        _network = network;
        _time = time;
        _layout = new RuntimeLayout(options.RootDirectory);
        _runc = new RuncCli(options.RuncPath, _layout.RuncRoot);
        _exec = new RuncExec(_runc);
    }

    /// <summary>Prepares the root directory and host network, and re-adopts containers a previous instance left running.</summary>
    public static async Task<RuncRuntime> OpenAsync(
        RuncRuntimeOptions options, IImageStore images, IPodNetwork network, TimeProvider? time = null, CancellationToken cancellationToken = default)
    {
        NetworkNames.For(options.InstancePrefix); // validates the prefix
        var runtime = new RuncRuntime(options, images, network, time ?? TimeProvider.System);
        runtime._layout.EnsureCreated();
        await ContainerShim.EnsureScriptAsync(runtime._layout, cancellationToken);
        runtime._reaper = await ContainerReaper.EnsureAsync(runtime._layout, options.CompilerPath, cancellationToken);
        await network.EnsureHostNetworkAsync(cancellationToken);
        foreach (var record in await runtime.ReadContainerRecordsAsync(cancellationToken))
        {
            if (ContainerStateReader.Read(runtime._layout, record).State == ContainerState.Running)
                runtime.StartLogPump(record);
        }
        return runtime;
    }

    public string RootDirectory => _layout.Root;

    private static string NewId() => RandomNumberGenerator.GetHexString(64, lowercase: true);

    private string PodCgroup(PodSandboxMetadata metadata) => $"{_options.CgroupParent}/pod{metadata.Uid}";

    private Task DelayAsync(CancellationToken cancellationToken) => Task.Delay(PollInterval, _time, cancellationToken);

    public async ValueTask DisposeAsync()
    {
        foreach (var pump in _logPumps.Values)
            await pump.DisposeAsync();
        _logPumps.Clear();
    }
}
