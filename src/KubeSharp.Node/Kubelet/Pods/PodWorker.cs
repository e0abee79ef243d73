using System.Text.Json.Nodes;
using KubeSharp.Api.Model.Core;
using KubeSharp.Node.Runtime;
using Microsoft.Extensions.Logging;
using RuntimeStatus = KubeSharp.Node.Runtime.ContainerStatus;

namespace KubeSharp.Node.Kubelet.Pods;

/// <summary>
/// Converges one pod (upstream's pod worker plus <c>SyncPod</c>): one loop per pod, woken by spec changes,
/// runtime events, probe results and timers (back-off expiries), and at least every 10 s. Runtime objects
/// carry the pod's uid, so a worker created after an agent restart adopts what the runtime still holds.
/// </summary>
internal sealed partial class PodWorker
{
    readonly PodWorkerContext _ctx;
    readonly WakeSignal _signal = new();
    readonly Lock _lock = new();
    readonly Action<string> _finished;
    Pod _pod;
    bool _gone;
    DateTimeOffset? _wakeAt;

    // Owned by the loop.
    string? _sandboxId;
    string? _sandboxIp;
    int _sandboxAttempt = -1;
    readonly List<string> _oldSandboxes = [];
    readonly List<TrackedContainer> _containers = [];
    readonly Dictionary<string, (string Reason, string Message)> _waiting = new(StringComparer.Ordinal);
    readonly Dictionary<string, RuntimeStatus> _exited = new(StringComparer.Ordinal);
    readonly Dictionary<string, string?> _messages = new(StringComparer.Ordinal);
    PodStatus? _lastStatus;
    string? _lastStatusJson;
    bool _terminal;
    PodStartTrace? _trace;

    public PodWorker(PodWorkerContext ctx, Pod pod, Action<string> finished)
    {
        _ctx = ctx;
        _pod = pod;
        _finished = finished;
        Uid = pod.Metadata.Uid ?? throw new ArgumentException("pod without uid");
        if (ctx.TracePodStarts)
        {
            _trace = new PodStartTrace(ctx.Time);
            _trace.Mark("seen");
        }
    }

    public string Uid { get; }

    public Task Completion { get; private set; } = Task.CompletedTask;

    string PodKey => $"{_pod.Metadata.Namespace}/{_pod.Metadata.Name}";

    string PodDescription => $"{_pod.Metadata.Name}_{_pod.Metadata.Namespace}({Uid})";

    /// <summary>Takes over what the runtime still holds for this pod (after an agent restart).</summary>
    public void Adopt(IReadOnlyList<PodSandboxInfo> sandboxes, IReadOnlyList<ContainerInfo> containers)
    {
        var ready = sandboxes.Where(s => s.State == PodSandboxState.Ready).OrderByDescending(s => s.CreatedAt).FirstOrDefault();
        foreach (var sandbox in sandboxes)
        {
            if (sandbox == ready) continue;
            _oldSandboxes.Add(sandbox.Id);
        }
        if (ready is not null)
        {
            _sandboxId = ready.Id;
            _sandboxIp = _pod.Spec?.HostNetwork == true ? _ctx.HostIp : ready.Ip;
            _sandboxAttempt = ready.Metadata.Attempt;
        }
        else if (sandboxes.Count > 0)
        {
            _sandboxAttempt = sandboxes.Max(s => s.Metadata.Attempt);
            _sandboxIp = null;
        }
        foreach (var c in containers)
            _containers.Add(new TrackedContainer(c.Id, c.Name, c.Attempt, c.PodSandboxId));
    }

    public void Start(CancellationToken ct) => Completion = Task.Run(() => RunAsync(ct), CancellationToken.None);

    /// <summary>A new version of the pod arrived; wakes the worker when it matters (not for our own status writes).</summary>
    public void Update(Pod pod, bool significant)
    {
        lock (_lock) _pod = pod;
        if (significant) _signal.Set();
    }

    /// <summary>The pod object is gone from the API: stop everything at once.</summary>
    public void Remove()
    {
        lock (_lock) _gone = true;
        _signal.Set();
    }

    public void Wake() => _signal.Set();

    void WakeAfter(TimeSpan delay)
    {
        var at = _ctx.Time.GetUtcNow() + delay;
        lock (_lock)
            if (_wakeAt is null || at < _wakeAt) _wakeAt = at;
    }

    async Task RunAsync(CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            bool done;
            try
            {
                done = await SyncAsync(ct);
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                _ctx.Log.LogWarning(e, "syncing pod {Pod} failed", PodKey);
                WakeAfter(TimeSpan.FromSeconds(2));
                done = false;
            }
            if (done)
            {
                _finished(Uid);
                return;
            }
            TimeSpan wait = KubeletOptions.PodResyncInterval;
            lock (_lock)
            {
                if (_wakeAt is { } at)
                {
                    var until = at - _ctx.Time.GetUtcNow();
                    if (until < wait) wait = until;
                }
            }
            try
            {
                await _signal.WaitAsync(wait, _ctx.Time, ct);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            lock (_lock)
                if (_wakeAt is { } at && at <= _ctx.Time.GetUtcNow()) _wakeAt = null;
        }
    }

    /// <summary>Whether a new pod object should wake the worker: anything but a status-only change.</summary>
    public static bool IsSignificant(JsonObject? old, JsonObject @new)
    {
        if (old is null) return true;
        return !JsonNode.DeepEquals(old["spec"], @new["spec"])
            || !JsonNode.DeepEquals(old["metadata"]?["deletionTimestamp"], @new["metadata"]?["deletionTimestamp"])
            || !JsonNode.DeepEquals(old["metadata"]?["labels"], @new["metadata"]?["labels"])
            || !JsonNode.DeepEquals(old["metadata"]?["annotations"], @new["metadata"]?["annotations"]);
    }
}
