namespace KubeSharp.Client.Queue;

/// <summary>
/// The measurements of one named work queue, as client-go's workqueue metrics define them: depth, adds,
/// retries, time waiting in the queue and time being processed (histograms), and the age of work in progress.
/// Fed by <see cref="WorkQueue{TKey}"/>; read by <see cref="WorkQueueMetricsRegistry"/>.
/// </summary>
public sealed class WorkQueueMetrics
{
    readonly Lock _lock = new();
    long _depth;
    long _adds;
    long _retries;
    Func<TimeSpan[]>? _inFlight;

    internal WorkQueueMetrics(string name) => Name = name;

    public string Name { get; }

    public Histogram QueueDuration { get; } = Histogram.WorkQueueBuckets();
    public Histogram WorkDuration { get; } = Histogram.WorkQueueBuckets();

    public long Depth { get { lock (_lock) return _depth; } }
    public long Adds { get { lock (_lock) return _adds; } }
    public long Retries { get { lock (_lock) return _retries; } }

    /// <summary>How long each key now being processed has been processed (for the unfinished-work gauges).</summary>
    public TimeSpan[] InFlight() => _inFlight?.Invoke() ?? [];

    internal void Added()
    {
        lock (_lock)
        {
            _adds++;
            _depth++;
        }
    }

    internal void Got(TimeSpan waited)
    {
        lock (_lock) _depth--;
        QueueDuration.Observe(waited.TotalSeconds);
    }

    internal void Finished(TimeSpan worked) => WorkDuration.Observe(worked.TotalSeconds);

    internal void Retried()
    {
        lock (_lock) _retries++;
    }

    internal void TrackInFlight(Func<TimeSpan[]> inFlight) => _inFlight = inFlight;
}
