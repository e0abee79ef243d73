using KubeSharp.Api.Resources;
using KubeSharp.Scheduler.Cache;

namespace KubeSharp.Scheduler.Queue;

/// <summary>
/// Upstream's scheduling queue: an active queue ordered by priority (highest first) then arrival; a
/// back-off queue for pods that failed recently (1 s doubling to 10 s per attempt); and a pool of
/// unschedulable pods that wait for a cluster change (node added or changed, pod deleted) that might let
/// them fit — or for <see cref="SchedulerOptions.MaxUnschedulableDuration"/>.
/// </summary>
public sealed class SchedulingQueue
{
    readonly TimeProvider _time;
    readonly SchedulerOptions _options;
    readonly Lock _lock = new();
    readonly Dictionary<NamespacedName, QueuedPodInfo> _pods = [];
    readonly PriorityQueue<(QueuedPodInfo Pod, long Version), (int NegPriority, long Seq)> _active = new();
    readonly PriorityQueue<(QueuedPodInfo Pod, long Version), DateTimeOffset> _backoff = new();
    readonly HashSet<NamespacedName> _unschedulable = [];
    TaskCompletionSource? _waiter;
    long _seq;
    long _cycle;
    long _moveRequestCycle = -1;
    DateTimeOffset _lastFlush;
    bool _closed;

    public SchedulingQueue(TimeProvider time, SchedulerOptions? options = null)
    {
        _time = time;
        _options = options ?? new SchedulerOptions();
        _lastFlush = time.GetUtcNow();
    }

    public int ActiveCount { get { lock (_lock) return _pods.Values.Count(p => p.State == QueuedPodInfo.Where.Active); } }
    public int BackoffCount { get { lock (_lock) return _pods.Values.Count(p => p.State == QueuedPodInfo.Where.Backoff); } }
    public int UnschedulableCount { get { lock (_lock) return _unschedulable.Count; } }
    public int Count { get { lock (_lock) return _pods.Count; } }

    public bool Contains(NamespacedName key) { lock (_lock) return _pods.ContainsKey(key); }

    /// <summary>A new pending pod; an already known one is updated instead.</summary>
    public void Add(PodInfo pod)
    {
        lock (_lock)
        {
            if (_closed) return;
            if (_pods.TryGetValue(pod.Key, out var known))
            {
                UpdateLocked(known, pod);
                return;
            }
            var info = new QueuedPodInfo(pod, _time.GetUtcNow());
            _pods[pod.Key] = info;
            PushActive(info);
        }
    }

    /// <summary>
    /// A pending pod changed in a way that may matter (spec, labels): an unschedulable pod gets another
    /// try (after its back-off); otherwise the new state is used at its next attempt.
    /// </summary>
    public void Update(PodInfo pod)
    {
        lock (_lock)
        {
            if (_closed) return;
            if (_pods.TryGetValue(pod.Key, out var known)) UpdateLocked(known, pod);
            else
            {
                var info = new QueuedPodInfo(pod, _time.GetUtcNow());
                _pods[pod.Key] = info;
                PushActive(info);
            }
        }
    }

    void UpdateLocked(QueuedPodInfo known, PodInfo pod)
    {
        known.Pod = pod;
        if (known.State == QueuedPodInfo.Where.Unschedulable) Requeue(known, _time.GetUtcNow());
        else if (known.State == QueuedPodInfo.Where.InFlight) _moveRequestCycle = _cycle;
    }

    /// <summary>Takes a newer state of a queued pod that changes nothing for placement (its status); it stays where it is.</summary>
    public void Refresh(PodInfo pod)
    {
        lock (_lock)
            if (_pods.TryGetValue(pod.Key, out var known)) known.Pod = pod;
    }

    public void Delete(NamespacedName key)
    {
        lock (_lock)
        {
            if (!_pods.Remove(key, out var info)) return;
            info.Version++;
            _unschedulable.Remove(key);
        }
    }

    /// <summary>The scheduling attempt of <paramref name="key"/> succeeded; the queue forgets it.</summary>
    public void Done(NamespacedName key)
    {
        lock (_lock)
            if (_pods.TryGetValue(key, out var info) && info.State == QueuedPodInfo.Where.InFlight) _pods.Remove(key);
    }

    /// <summary>
    /// A popped pod did not fit. It waits in the unschedulable pool, or in back-off when the cluster
    /// changed while it was being scheduled (the change might have made it fit).
    /// </summary>
    public void AddUnschedulable(QueuedPodInfo info, IReadOnlySet<string> plugins)
    {
        lock (_lock)
        {
            if (!IsCurrentInFlight(info)) return;
            var now = _time.GetUtcNow();
            info.LastFailure = now;
            info.UnschedulablePlugins = plugins;
            if (_moveRequestCycle >= info.PoppedAtCycle) PushBackoff(info, now);
            else
            {
                info.State = QueuedPodInfo.Where.Unschedulable;
                info.Version++;
                _unschedulable.Add(info.Pod.Key);
            }
        }
    }

    /// <summary>A popped pod failed for a reason other than fit (an API error): retry after its back-off.</summary>
    public void AddBackoff(QueuedPodInfo info)
    {
        lock (_lock)
        {
            if (!IsCurrentInFlight(info)) return;
            var now = _time.GetUtcNow();
            info.LastFailure = now;
            PushBackoff(info, now);
        }
    }

    /// <summary>
    /// A cluster change that may let unschedulable pods fit: those <paramref name="affected"/> accepts (all
    /// when null) go back to the active queue, or to back-off if their back-off has not expired.
    /// </summary>
    public void MoveAllToActiveOrBackoff(Func<QueuedPodInfo, bool>? affected = null)
    {
        lock (_lock)
        {
            _moveRequestCycle = _cycle;
            if (_unschedulable.Count == 0) return;
            var now = _time.GetUtcNow();
            foreach (var key in _unschedulable.ToList())
            {
                var info = _pods[key];
                if (affected is null || affected(info)) Requeue(info, now);
            }
        }
    }

    /// <summary>The next pod to schedule, waiting for one; null once the queue is closed.</summary>
    public async ValueTask<QueuedPodInfo?> PopAsync(CancellationToken ct)
    {
        while (true)
        {
            TaskCompletionSource waiter;
            TimeSpan wait;
            lock (_lock)
            {
                if (_closed) return null;
                var now = _time.GetUtcNow();
                FlushBackoffCompleted(now);
                FlushUnschedulableLeftover(now);
                while (_active.TryDequeue(out var item, out _))
                {
                    if (item.Version != item.Pod.Version || item.Pod.State != QueuedPodInfo.Where.Active) continue;
                    var info = item.Pod;
                    info.State = QueuedPodInfo.Where.InFlight;
                    info.Version++;
                    info.Attempts++;
                    info.PoppedAtCycle = ++_cycle;
                    return info;
                }
                _waiter = waiter = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                wait = TimeSpan.FromSeconds(1);
                if (_backoff.TryPeek(out _, out var due)) wait = due - now < wait ? due - now : wait;
                if (wait < TimeSpan.FromMilliseconds(1)) wait = TimeSpan.FromMilliseconds(1);
            }
            try { await waiter.Task.WaitAsync(wait, _time, ct); }
            catch (TimeoutException) { }
        }
    }

    public void Close()
    {
        lock (_lock)
        {
            _closed = true;
            _waiter?.TrySetResult();
        }
    }

    /// <summary>How long a pod waits after its <paramref name="attempts"/>-th failed attempt.</summary>
    public TimeSpan BackoffDuration(int attempts)
    {
        var d = _options.InitialBackoff;
        for (var i = 1; i < attempts && d < _options.MaxBackoff; i++) d += d;
        return d > _options.MaxBackoff ? _options.MaxBackoff : d;
    }

    bool IsCurrentInFlight(QueuedPodInfo info) =>
        !_closed && _pods.TryGetValue(info.Pod.Key, out var known) && ReferenceEquals(known, info) && info.State == QueuedPodInfo.Where.InFlight;

    void Requeue(QueuedPodInfo info, DateTimeOffset now)
    {
        _unschedulable.Remove(info.Pod.Key);
        if (info.LastFailure is { } failed && failed + BackoffDuration(info.Attempts) > now) PushBackoff(info, failed);
        else PushActive(info);
    }

    void PushActive(QueuedPodInfo info)
    {
        info.State = QueuedPodInfo.Where.Active;
        info.Version++;
        _active.Enqueue((info, info.Version), (-info.Pod.Priority, ++_seq));
        _waiter?.TrySetResult();
    }

    void PushBackoff(QueuedPodInfo info, DateTimeOffset failed)
    {
        _unschedulable.Remove(info.Pod.Key);
        info.State = QueuedPodInfo.Where.Backoff;
        info.Version++;
        _backoff.Enqueue((info, info.Version), failed + BackoffDuration(info.Attempts));
        _waiter?.TrySetResult();
    }

    void FlushBackoffCompleted(DateTimeOffset now)
    {
        while (_backoff.TryPeek(out var item, out var due) && due <= now)
        {
            _backoff.Dequeue();
            if (item.Version == item.Pod.Version && item.Pod.State == QueuedPodInfo.Where.Backoff) PushActive(item.Pod);
        }
    }

    void FlushUnschedulableLeftover(DateTimeOffset now)
    {
        if (now - _lastFlush < TimeSpan.FromSeconds(30) || _unschedulable.Count == 0) return;
        _lastFlush = now;
        foreach (var key in _unschedulable.ToList())
        {
            var info = _pods[key];
            if (info.LastFailure is { } failed && now - failed >= _options.MaxUnschedulableDuration) Requeue(info, now);
        }
    }
}
