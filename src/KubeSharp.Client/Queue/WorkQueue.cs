namespace KubeSharp.Client.Queue;

/// <summary>
/// A work queue of keys with client-go's guarantees: a key queued several times is processed once; a key
/// is never handed to two workers at once (adding it while it is processed queues it again after
/// <see cref="Done"/>); delayed and rate-limited adds; an orderly <see cref="ShutDown"/>; and, when given
/// <see cref="WorkQueueMetrics"/>, client-go's queue metrics (depth, adds, retries, wait and work durations).
/// </summary>
public sealed class WorkQueue<TKey> : IDisposable where TKey : notnull
{
    readonly TimeProvider _time;
    readonly IRateLimiter<TKey> _limiter;
    readonly Lock _lock = new();
    readonly Queue<TKey> _queue = new();
    readonly HashSet<TKey> _dirty = [];
    readonly HashSet<TKey> _processing = [];
    readonly LinkedList<TaskCompletionSource> _waiters = new();
    readonly Dictionary<TKey, (DateTimeOffset At, ITimer Timer)> _waiting = [];
    readonly WorkQueueMetrics? _metrics;
    // Only with metrics: when each dirty key was first added, and when each key in processing was handed out.
    readonly Dictionary<TKey, long> _addedAt = [];
    readonly Dictionary<TKey, long> _startedAt = [];
    bool _shuttingDown;

    public WorkQueue(TimeProvider time, IRateLimiter<TKey>? limiter = null, WorkQueueMetrics? metrics = null)
    {
        _time = time;
        _limiter = limiter ?? RateLimiters.DefaultController<TKey>(time);
        _metrics = metrics;
        metrics?.TrackInFlight(InFlight);
    }

    /// <summary>Keys ready to be handed out.</summary>
    public int Count { get { lock (_lock) return _queue.Count; } }

    public bool ShuttingDown { get { lock (_lock) return _shuttingDown; } }

    /// <summary>Queues <paramref name="key"/> unless it is already waiting to be processed.</summary>
    public void Add(TKey key)
    {
        lock (_lock)
        {
            if (_shuttingDown || !_dirty.Add(key)) return;
            if (_metrics is not null)
            {
                _metrics.Added();
                _addedAt.TryAdd(key, _time.GetTimestamp());
            }
            if (_processing.Contains(key)) return; // Done() queues it again
            _queue.Enqueue(key);
            WakeOne();
        }
    }

    /// <summary>Adds <paramref name="key"/> once <paramref name="delay"/> has passed; an earlier pending add for the key wins.</summary>
    public void AddAfter(TKey key, TimeSpan delay)
    {
        if (delay <= TimeSpan.Zero)
        {
            if (_metrics is not null && !ShuttingDown) _metrics.Retried();
            Add(key);
            return;
        }
        lock (_lock)
        {
            if (_shuttingDown) return;
            _metrics?.Retried();
            var at = _time.GetUtcNow() + delay;
            if (_waiting.TryGetValue(key, out var pending))
            {
                if (pending.At <= at) return;
                pending.Timer.Dispose();
            }
            var timer = _time.CreateTimer(_ => Fire(key, at), null, delay, Timeout.InfiniteTimeSpan);
            _waiting[key] = (at, timer);
        }
    }

    void Fire(TKey key, DateTimeOffset at)
    {
        lock (_lock)
        {
            if (!_waiting.TryGetValue(key, out var pending) || pending.At != at) return;
            _waiting.Remove(key);
            pending.Timer.Dispose();
        }
        Add(key);
    }

    /// <summary>Adds <paramref name="key"/> after its back-off: each call without a <see cref="Forget"/> doubles the wait.</summary>
    public void AddRateLimited(TKey key) => AddAfter(key, _limiter.When(key));

    /// <summary>Ends the back-off of <paramref name="key"/>; call when it was processed successfully.</summary>
    public void Forget(TKey key) => _limiter.Forget(key);

    public int NumRequeues(TKey key) => _limiter.NumRequeues(key);

    /// <summary>
    /// The next key, waiting for one if needed; the caller owns it until <see cref="Done"/>. Returns
    /// ShutDown = true once the queue is shut down and drained.
    /// </summary>
    public async ValueTask<(TKey Key, bool ShutDown)> GetAsync(CancellationToken ct = default)
    {
        while (true)
        {
            TaskCompletionSource waiter;
            LinkedListNode<TaskCompletionSource> node;
            lock (_lock)
            {
                if (_queue.TryDequeue(out var key))
                {
                    _processing.Add(key);
                    _dirty.Remove(key);
                    if (_metrics is not null)
                    {
                        var now = _time.GetTimestamp();
                        _metrics.Got(_addedAt.Remove(key, out var added) ? _time.GetElapsedTime(added, now) : TimeSpan.Zero);
                        _startedAt[key] = now;
                    }
                    return (key, false);
                }
                if (_shuttingDown) return (default!, true);
                ct.ThrowIfCancellationRequested();
                waiter = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                node = _waiters.AddLast(waiter);
            }
            try
            {
                using (ct.Register(() => waiter.TrySetCanceled(ct)))
                    await waiter.Task.ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                lock (_lock)
                    if (node.List is not null) _waiters.Remove(node);
                throw;
            }
        }
    }

    /// <summary>Marks <paramref name="key"/> finished; if it was added meanwhile it is queued again.</summary>
    public void Done(TKey key)
    {
        lock (_lock)
        {
            if (!_processing.Remove(key)) return;
            if (_metrics is not null && _startedAt.Remove(key, out var started)) _metrics.Finished(_time.GetElapsedTime(started));
            if (_dirty.Contains(key))
            {
                _queue.Enqueue(key);
                WakeOne();
            }
        }
    }

    /// <summary>Stops accepting keys; workers drain what is queued, then <see cref="GetAsync"/> reports shutdown.</summary>
    public void ShutDown()
    {
        lock (_lock)
        {
            if (_shuttingDown) return;
            _shuttingDown = true;
            foreach (var (_, pending) in _waiting) pending.Timer.Dispose();
            _waiting.Clear();
            foreach (var w in _waiters) w.TrySetResult();
            _waiters.Clear();
        }
    }

    public void Dispose() => ShutDown();

    TimeSpan[] InFlight()
    {
        lock (_lock)
        {
            var now = _time.GetTimestamp();
            return [.. _startedAt.Values.Select(started => _time.GetElapsedTime(started, now))];
        }
    }

    // Under the lock, so a waiter being cancelled cannot swallow the wake-up; continuations run
    // asynchronously, so none runs inside the lock.
    void WakeOne()
    {
        while (_waiters.First is { } first)
        {
            _waiters.RemoveFirst();
            if (first.Value.TrySetResult()) return;
        }
    }
}
