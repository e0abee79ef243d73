using System.Collections.Concurrent;
using System.Text.Json;
using KubeSharp.Bench.Http;

namespace KubeSharp.Bench.Pods;

/// <summary>
/// One watch on the bench namespace's pods. Every event is timed on arrival (one clock reading per read from the
/// socket) and applied to the timeline of the pod it names; the watch resumes from the last resourceVersion if the
/// server ends it.
/// </summary>
public sealed class PodWatch(PodApi api, string ns)
{
    readonly ConcurrentDictionary<string, PodTimeline> _pods = new(StringComparer.Ordinal);
    string _resourceVersion = "0";

    public int Events { get; private set; }
    public int Restarts { get; private set; }

    /// <summary>Follows <paramref name="pod"/>; call before its create is sent, so no event can be missed.</summary>
    public void Track(PodTimeline pod) => _pods[pod.Name] = pod;

    public async Task RunAsync(string resourceVersion, TaskCompletionSource opened, CancellationToken ct)
    {
        _resourceVersion = resourceVersion;
        while (!ct.IsCancellationRequested)
        {
            try
            {
                using var response = await api.OpenWatchAsync(ns, _resourceVersion, ct);
                opened.TrySetResult();
                await using var stream = await response.Content.ReadAsStreamAsync(ct);
                await WatchLines.ReadAsync(stream, OnEvent, ct, initialBuffer: 256 * 1024);
            }
            catch (Exception) when (ct.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is HttpRequestException or IOException)
            {
                opened.TrySetException(e);
                await Task.Delay(100, ct);
            }
            Restarts++;
        }
    }

    void OnEvent(ReadOnlySpan<byte> line, long now)
    {
        using var doc = JsonDocument.Parse(line.ToArray());
        var root = doc.RootElement;
        var type = root.GetProperty("type").GetString();
        var obj = root.GetProperty("object");
        if (type == "ERROR") throw new IOException("watch ERROR event: " + obj.GetRawText());
        if (obj.TryGetProperty("metadata", out var metadata) && metadata.TryGetProperty("resourceVersion", out var rv) && rv.GetString() is { } version)
            _resourceVersion = version;
        if (type is not ("ADDED" or "MODIFIED")) return;
        Events++;
        if (!metadata.TryGetProperty("name", out var nameElement) || nameElement.GetString() is not { } name || !_pods.TryGetValue(name, out var pod))
            return;
        if (obj.TryGetProperty("spec", out var spec) && spec.TryGetProperty("nodeName", out var node) && node.GetString() is { Length: > 0 })
            pod.ObserveScheduled(now);
        if (IsRunning(obj)) pod.ObserveRunning(now);
    }

    /// <summary>Phase Running with every container reported running: upstream's "observed Running" for the start-up SLI.</summary>
    static bool IsRunning(JsonElement pod)
    {
        if (!pod.TryGetProperty("status", out var status) || !status.TryGetProperty("phase", out var phase) || phase.GetString() != "Running")
            return false;
        if (!status.TryGetProperty("containerStatuses", out var containers) || containers.ValueKind != JsonValueKind.Array || containers.GetArrayLength() == 0)
            return false;
        foreach (var c in containers.EnumerateArray())
        {
            if (!c.TryGetProperty("state", out var state) || !state.TryGetProperty("running", out _)) return false;
        }
        return true;
    }
}
