using KubeSharp.Node.Images;
using KubeSharp.Node.Runtime.Logging;
using KubeSharp.Node.Runtime.Native;
using KubeSharp.Node.Runtime.Runc;

namespace KubeSharp.Node.Runtime;

public sealed partial class RuncRuntime
{
    public async Task<string> CreateContainerAsync(string podSandboxId, ContainerConfig config, CancellationToken cancellationToken)
    {
        var sandbox = await RecordFile.ReadAsync<SandboxRecord>(_layout.SandboxRecord(podSandboxId), cancellationToken)
            ?? throw new InvalidOperationException($"pod sandbox {podSandboxId} does not exist");
        if (sandbox.State != PodSandboxState.Ready)
            throw new InvalidOperationException($"pod sandbox {podSandboxId} is not ready");
        var image = await _images.GetImageAsync(config.Image, cancellationToken)
            ?? throw new ImageNotPresentException(config.Image);
        var layers = await _images.GetLayerDirectoriesAsync(image, cancellationToken);

        var id = NewId();
        var directory = _layout.Container(id);
        var rootfs = _layout.Rootfs(id);
        Directory.CreateDirectory(rootfs);
        Directory.CreateDirectory(_layout.Upper(id));
        Directory.CreateDirectory(_layout.Work(id));
        try
        {
            if (layers.Count == 0)
                layers = [Directory.CreateDirectory(Path.Combine(directory, "empty")).FullName];
            Mounts.MountOverlay(layers, _layout.Upper(id), _layout.Work(id), rootfs);

            var imageConfig = image.RuntimeConfig;
            var (uid, gid) = OciSpecBuilder.ResolveUser(config, imageConfig, rootfs);
            var cwd = config.WorkingDir is { Length: > 0 } w ? w : imageConfig.WorkingDir is { Length: > 0 } iw ? iw : "/";
            Directory.CreateDirectory(Path.Combine(rootfs, cwd.TrimStart('/')));
            var process = new ResolvedProcess(
                OciSpecBuilder.ResolveArgs(config, imageConfig),
                OciSpecBuilder.ResolveEnv(config, imageConfig, sandbox.Config.Hostname),
                cwd, uid, gid);
            var cgroupPath = $"{PodCgroup(sandbox.Config.Metadata)}/{id}";
            var spec = OciSpecBuilder.Build(config, process, sandbox.Config.Hostname, rootfs, _layout.Sandbox(podSandboxId), sandbox.NetnsPath, cgroupPath);
            await File.WriteAllTextAsync(Path.Combine(directory, "config.json"), spec.ToJsonString(), cancellationToken);

            LibC.Check(LibC.mkfifo(_layout.StdoutFifo(id), 0x180), "mkfifo stdout");
            LibC.Check(LibC.mkfifo(_layout.StderrFifo(id), 0x180), "mkfifo stderr");
            if (config.Stdin)
                LibC.Check(LibC.mkfifo(_layout.StdinFifo(id), 0x180), "mkfifo stdin");
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(config.LogPath))!);

            var reference = ImageReference.TryParse(config.Image, out var parsed) && !config.Image.StartsWith("sha256:", StringComparison.Ordinal)
                ? parsed!.ToString()
                : image.References.FirstOrDefault() ?? image.Id;
            var record = new ContainerRecord(id, podSandboxId, config, reference, image.Id, _time.GetUtcNow(), cgroupPath);
            // The record is written last: a container directory without it is an interrupted create, never listed.
            await RecordFile.WriteAsync(_layout.ContainerRecord(id), record, cancellationToken);
            return id;
        }
        catch
        {
            Mounts.Unmount(rootfs);
            Directory.Delete(directory, recursive: true);
            throw;
        }
    }

    public async Task StartContainerAsync(string containerId, CancellationToken cancellationToken)
    {
        using var _ = await _locks.AcquireAsync(containerId, cancellationToken);
        var record = await GetRecordAsync(containerId, cancellationToken);
        var state = ContainerStateReader.Read(_layout, record);
        if (state.State != ContainerState.Created)
            throw new InvalidOperationException($"container {containerId} is {state.State}, not Created");

        StartLogPump(record);
        await ContainerShim.LaunchAsync(_options, _layout, record, Cgroups.CgroupTree.MemoryDirectory(record.CgroupPath), _reaper, cancellationToken);

        var deadline = _time.GetUtcNow() + (_options.StartTimeout ?? TimeSpan.FromSeconds(30));
        while (!File.Exists(_layout.PidFile(containerId)))
        {
            if (ContainerStateReader.HasExited(_layout, containerId))
            {
                var failed = ContainerStateReader.Read(_layout, record);
                if (failed.Pid is null)
                    throw new ContainerStartException(containerId, failed.Message ?? "runc exited before starting the process");
                break;
            }
            if (_time.GetUtcNow() > deadline)
                throw new TimeoutException($"container {containerId} did not start within the start timeout");
            await DelayAsync(cancellationToken);
        }
    }

    public async Task StopContainerAsync(string containerId, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var _ = await _locks.AcquireAsync(containerId, cancellationToken);
        var record = await GetRecordAsync(containerId, cancellationToken);
        if (ContainerStateReader.Read(_layout, record).State != ContainerState.Running)
            return;
        if (timeout > TimeSpan.Zero && await _runc.KillAsync(containerId, "TERM", cancellationToken))
            await WaitForExitAsync(containerId, timeout, cancellationToken);
        if (!ContainerStateReader.HasExited(_layout, containerId))
        {
            await _runc.KillAsync(containerId, "KILL", cancellationToken);
            if (!await WaitForExitAsync(containerId, KillTimeout, cancellationToken))
                throw new TimeoutException($"container {containerId} did not exit after SIGKILL");
        }
        await DrainLogsAsync(containerId);
    }

    public async Task RemoveContainerAsync(string containerId, CancellationToken cancellationToken)
    {
        if (await RecordFile.ReadAsync<ContainerRecord>(_layout.ContainerRecord(containerId), cancellationToken) is null
            && !Directory.Exists(_layout.Container(containerId)))
            return;
        await StopContainerAsync(containerId, TimeSpan.Zero, cancellationToken);
        using var _ = await _locks.AcquireAsync(containerId, cancellationToken);
        await _runc.DeleteAsync(containerId, cancellationToken);
        if (_logPumps.TryRemove(containerId, out var pump))
            await pump.DisposeAsync();
        var rootfs = _layout.Rootfs(containerId);
        Mounts.Unmount(rootfs);
        // Never recurse into a still-mounted image: that would delete through the overlay.
        if (Mounts.IsMountPoint(rootfs))
            throw new IOException($"{rootfs} is still mounted");
        Directory.Delete(_layout.Container(containerId), recursive: true);
        _locks.Forget(containerId);
    }

    public async Task<IReadOnlyList<ContainerInfo>> ListContainersAsync(ContainerFilter? filter, CancellationToken cancellationToken)
    {
        var result = new List<ContainerInfo>();
        foreach (var record in await ReadContainerRecordsAsync(cancellationToken))
        {
            if (filter?.Id is { } id && record.Id != id || filter?.PodSandboxId is { } sandbox && record.PodSandboxId != sandbox)
                continue;
            var state = ContainerStateReader.Read(_layout, record).State;
            var labels = record.Config.Labels ?? new Dictionary<string, string>();
            if (filter?.State is { } wanted && wanted != state || !Matches(labels, filter?.LabelSelector))
                continue;
            result.Add(new ContainerInfo(record.Id, record.PodSandboxId, record.Config.Name, record.Config.Attempt, record.ImageReference,
                record.ImageId, state, record.CreatedAt, labels, record.Config.Annotations ?? new Dictionary<string, string>()));
        }
        return result.OrderBy(c => c.CreatedAt).ToList();
    }

    public async Task<ContainerStatus?> ContainerStatusAsync(string containerId, CancellationToken cancellationToken)
    {
        if (await RecordFile.ReadAsync<ContainerRecord>(_layout.ContainerRecord(containerId), cancellationToken) is not { } record)
            return null;
        var state = ContainerStateReader.Read(_layout, record);
        if (state.State == ContainerState.Exited)
            await DrainLogsAsync(containerId); // an exited container's log is complete when its status says so
        return new ContainerStatus(record.Id, record.PodSandboxId, record.Config.Name, record.Config.Attempt, record.ImageReference, record.ImageId,
            state.State, record.CreatedAt, state.StartedAt, state.FinishedAt, state.ExitCode, state.Reason, state.Message,
            record.Config.LogPath, state.Pid, record.Config.Labels ?? new Dictionary<string, string>(),
            record.Config.Annotations ?? new Dictionary<string, string>());
    }

    public async Task<int> ExecAsync(string containerId, ExecRequest request, CancellationToken cancellationToken)
    {
        var record = await GetRecordAsync(containerId, cancellationToken);
        if (ContainerStateReader.Read(_layout, record).State != ContainerState.Running)
            throw new InvalidOperationException($"container {containerId} is not running");
        if (request.Command.Count == 0)
            throw new ArgumentException("exec needs a command", nameof(request));
        return await _exec.RunAsync(containerId, request, cancellationToken);
    }

    private async Task<ContainerRecord> GetRecordAsync(string containerId, CancellationToken cancellationToken) =>
        await RecordFile.ReadAsync<ContainerRecord>(_layout.ContainerRecord(containerId), cancellationToken)
            ?? throw new KeyNotFoundException($"container {containerId} does not exist");

    private async Task<IReadOnlyList<ContainerRecord>> ReadContainerRecordsAsync(CancellationToken cancellationToken)
    {
        var records = new List<ContainerRecord>();
        foreach (var directory in Directory.EnumerateDirectories(_layout.ContainersDirectory))
        {
            if (await RecordFile.ReadAsync<ContainerRecord>(Path.Combine(directory, "container.json"), cancellationToken) is { } record)
                records.Add(record);
        }
        return records;
    }

    private void StartLogPump(ContainerRecord record)
    {
        var id = record.Id;
        var pump = new CriLogPump(_layout.StdoutFifo(id), _layout.StderrFifo(id), record.Config.LogPath,
            () => ContainerStateReader.HasExited(_layout, id), _time);
        if (_logPumps.TryAdd(id, pump))
            pump.Start();
    }

    private async Task DrainLogsAsync(string containerId)
    {
        if (_logPumps.TryGetValue(containerId, out var pump))
            await pump.Completion.WaitAsync(LogDrainTimeout, _time).ContinueWith(_ => { }, TaskScheduler.Default);
    }

    private async Task<bool> WaitForExitAsync(string containerId, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var deadline = _time.GetUtcNow() + timeout;
        while (!ContainerStateReader.HasExited(_layout, containerId))
        {
            if (_time.GetUtcNow() >= deadline)
                return false;
            await DelayAsync(cancellationToken);
        }
        return true;
    }
}
