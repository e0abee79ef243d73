using KubeSharp.Api.Model.Core;
using KubeSharp.Client;
using KubeSharp.Node.Kubelet.Pods;
using Microsoft.Extensions.Logging;

namespace KubeSharp.Node.Kubelet.StaticPods;

/// <summary>Where static pods go to be run (the pod manager): the complete set each time, as upstream's file source sends SET updates.</summary>
public interface IStaticPodSink
{
    void SetStaticPods(IReadOnlyCollection<Pod> pods);
}

/// <summary>
/// Static pods from the manifests folder (<c>DATA_DIR/manifests</c>, the kubelet's <c>staticPodPath</c>): every manifest
/// file (hidden files skipped) is a pod the agent runs itself, whatever the API holds, and reflects into the API through a
/// mirror pod (<see cref="MirrorPodSync"/>). A changed file is a new pod (its hash and uid change), a removed file stops
/// its pod. The folder is watched and rescanned every few seconds; mirror pod changes wake it too.
/// </summary>
public sealed class StaticPodSource
{
    public static readonly TimeSpan ScanInterval = TimeSpan.FromSeconds(5);
    /// <summary>Editors write a file in several steps; reading at once after the first event would see half of it.</summary>
    static readonly TimeSpan SettleDelay = TimeSpan.FromMilliseconds(200);

    readonly string _directory;
    readonly IStaticPodSink _sink;
    readonly StaticPodFactory _factory;
    readonly MirrorPodSync _mirrors;
    readonly TimeProvider _time;
    readonly ILogger _log;
    readonly WakeSignal _signal = new();
    readonly Dictionary<string, string> _reported = new(StringComparer.Ordinal);

    public StaticPodSource(IApiClient api, string directory, string nodeName, IStaticPodSink sink, TimeProvider time, ILogger log)
    {
        _directory = directory;
        _sink = sink;
        _factory = new StaticPodFactory(nodeName, time);
        _mirrors = new MirrorPodSync(api, nodeName, log);
        _time = time;
        _log = log;
    }

    /// <summary>Something changed (a file, a mirror pod): sync soon.</summary>
    public void Wake() => _signal.Set();

    public async Task RunAsync(CancellationToken ct)
    {
        using var watcher = Watch();
        while (!ct.IsCancellationRequested)
        {
            try
            {
                await SyncAsync(ct);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                _log.LogWarning(e, "syncing static pods failed");
            }
            try
            {
                if (await _signal.WaitAsync(ScanInterval, _time, ct)) await Task.Delay(SettleDelay, _time, ct);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <summary>Reads the folder, hands the pods to the sink, then brings the mirror pods in line.</summary>
    public async Task SyncAsync(CancellationToken ct)
    {
        var pods = await ReadAsync(ct);
        _sink.SetStaticPods(pods);
        await _mirrors.SyncAsync(pods, ct);
    }

    /// <summary>The static pods the folder describes now; invalid files are logged (once per content) and skipped.</summary>
    public async Task<IReadOnlyList<Pod>> ReadAsync(CancellationToken ct)
    {
        var pods = new Dictionary<(string, string), Pod>();
        var files = Directory.Exists(_directory)
            ? Directory.EnumerateFiles(_directory).Where(f => !Path.GetFileName(f).StartsWith('.')).Order(StringComparer.Ordinal).ToList()
            : [];
        foreach (var file in files)
        {
            string text;
            try { text = await File.ReadAllTextAsync(file, ct); }
            catch (IOException) { continue; } // removed or replaced while listing
            try
            {
                var pod = _factory.Create(ManifestReader.Read(text), file);
                var key = (pod.Metadata.Namespace ?? "default", pod.Metadata.Name ?? "");
                if (!pods.TryAdd(key, pod))
                    throw new InvalidDataException($"another manifest already defines pod {key.Item1}/{key.Item2}");
                _reported.Remove(file);
            }
            catch (Exception e) when (e is InvalidDataException or System.Text.Json.JsonException or YamlDotNet.Core.YamlException
                                          or InvalidOperationException or InvalidCastException or FormatException)
            {
                if (_reported.GetValueOrDefault(file) != text)
                    _log.LogWarning("static pod manifest {File} is invalid: {Error}", file, e.Message);
                _reported[file] = text;
            }
        }
        foreach (var gone in _reported.Keys.Where(f => !files.Contains(f)).ToList()) _reported.Remove(gone);
        _factory.Retain(pods.Values.Select(p => p.Metadata.Uid ?? ""));
        return pods.Values.ToList();
    }

    FileSystemWatcher? Watch()
    {
        try
        {
            Directory.CreateDirectory(_directory);
            var watcher = new FileSystemWatcher(_directory) { IncludeSubdirectories = false };
            FileSystemEventHandler changed = (_, _) => Wake();
            watcher.Created += changed;
            watcher.Changed += changed;
            watcher.Deleted += changed;
            watcher.Renamed += (_, _) => Wake();
            watcher.EnableRaisingEvents = true;
            return watcher;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException)
        {
            // Polling alone still finds every change, only later.
            _log.LogWarning("cannot watch static pod folder {Directory}: {Error}", _directory, e.Message);
            return null;
        }
    }
}
