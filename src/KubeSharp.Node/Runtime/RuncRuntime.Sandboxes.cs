using KubeSharp.Node.Runtime.Cgroups;
using KubeSharp.Node.Runtime.Runc;
using KubeSharp.Node.Runtime.Sandbox;

namespace KubeSharp.Node.Runtime;

public sealed partial class RuncRuntime
{
    public async Task<RunPodSandboxResult> RunPodSandboxAsync(PodSandboxConfig config, CancellationToken cancellationToken)
    {
        var id = NewId();
        var directory = _layout.Sandbox(id);
        Directory.CreateDirectory(directory);
        try
        {
            // A host-network sandbox joins the node's namespaces: nothing to set up, and its address is the node's (the caller knows it).
            var network = config.HostNetwork ? null : await _network.SetUpPodAsync(id, cancellationToken);
            var ip = network?.Address.ToString() ?? "";
            await SandboxFiles.WriteAsync(directory, config, ip, cancellationToken);
            var record = new SandboxRecord(id, config, _time.GetUtcNow(), ip, network?.NetnsPath ?? "", PodSandboxState.Ready);
            await RecordFile.WriteAsync(_layout.SandboxRecord(id), record, cancellationToken);
            return new RunPodSandboxResult(id, ip);
        }
        catch
        {
            await _network.TearDownPodAsync(id, CancellationToken.None);
            Directory.Delete(directory, recursive: true);
            throw;
        }
    }

    public async Task StopPodSandboxAsync(string podSandboxId, CancellationToken cancellationToken)
    {
        using var _ = await _locks.AcquireAsync(podSandboxId, cancellationToken);
        var record = await RecordFile.ReadAsync<SandboxRecord>(_layout.SandboxRecord(podSandboxId), cancellationToken);
        if (record is null)
            return;
        // Like CRI runtimes, stopping a sandbox kills its containers at once; graceful stops are the caller's job before.
        foreach (var container in await ListContainersAsync(new ContainerFilter(PodSandboxId: podSandboxId), cancellationToken))
            await StopContainerAsync(container.Id, TimeSpan.Zero, cancellationToken);
        await _network.TearDownPodAsync(podSandboxId, cancellationToken);
        if (record.State != PodSandboxState.NotReady)
            await RecordFile.WriteAsync(_layout.SandboxRecord(podSandboxId), record with { State = PodSandboxState.NotReady }, cancellationToken);
    }

    public async Task RemovePodSandboxAsync(string podSandboxId, CancellationToken cancellationToken)
    {
        var record = await RecordFile.ReadAsync<SandboxRecord>(_layout.SandboxRecord(podSandboxId), cancellationToken);
        if (record is null)
            return;
        await StopPodSandboxAsync(podSandboxId, cancellationToken);
        foreach (var container in await ListContainersAsync(new ContainerFilter(PodSandboxId: podSandboxId), cancellationToken))
            await RemoveContainerAsync(container.Id, cancellationToken);
        using var _ = await _locks.AcquireAsync(podSandboxId, cancellationToken);
        // The pod cgroup is shared by sandbox attempts of the same pod; it only goes once empty.
        await CgroupTree.RemoveAsync(PodCgroup(record.Config.Metadata), killProcesses: false, cancellationToken);
        Directory.Delete(_layout.Sandbox(podSandboxId), recursive: true);
        _locks.Forget(podSandboxId);
    }

    public async Task<PodSandboxInfo?> PodSandboxStatusAsync(string podSandboxId, CancellationToken cancellationToken) =>
        await RecordFile.ReadAsync<SandboxRecord>(_layout.SandboxRecord(podSandboxId), cancellationToken) is { } record ? ToInfo(record) : null;

    public async Task<IReadOnlyList<PodSandboxInfo>> ListPodSandboxesAsync(PodSandboxFilter? filter, CancellationToken cancellationToken)
    {
        var result = new List<PodSandboxInfo>();
        foreach (var directory in Directory.EnumerateDirectories(_layout.SandboxesDirectory))
        {
            var id = Path.GetFileName(directory);
            if (filter?.Id is { } wanted && id != wanted)
                continue;
            if (await RecordFile.ReadAsync<SandboxRecord>(_layout.SandboxRecord(id), cancellationToken) is not { } record)
                continue;
            var info = ToInfo(record);
            if ((filter?.State is null || filter.State == info.State) && Matches(info.Labels, filter?.LabelSelector))
                result.Add(info);
        }
        return result.OrderBy(s => s.CreatedAt).ToList();
    }

    private static PodSandboxInfo ToInfo(SandboxRecord record) => new(
        record.Id,
        record.Config.Metadata,
        record.State,
        record.CreatedAt,
        record.State == PodSandboxState.Ready ? record.Ip : null,
        record.NetnsPath,
        record.Config.Labels ?? new Dictionary<string, string>(),
        record.Config.Annotations ?? new Dictionary<string, string>());

    private static bool Matches(IReadOnlyDictionary<string, string> labels, IReadOnlyDictionary<string, string>? selector) =>
        selector is null || selector.All(s => labels.TryGetValue(s.Key, out var v) && v == s.Value);
}
