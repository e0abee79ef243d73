using KubeSharp.Client.Queue;
using KubeSharp.Testing;

namespace KubeSharp.Client.Tests.Queue;

public sealed class WorkQueueMetricsTests
{
    readonly ManualTimeProvider _time = new();
    readonly WorkQueueMetricsRegistry _registry = new();

    WorkQueue<string> NewQueue(string name) =>
        new(_time, new ExponentialFailureRateLimiter<string>(TimeSpan.FromMilliseconds(5), TimeSpan.FromSeconds(1000)), _registry.For(name));

    static async Task<string> Next(WorkQueue<string> q)
    {
        var (key, shutDown) = await q.GetAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(5));
        Assert.False(shutDown);
        return key;
    }

    [Fact]
    public async Task Depth_and_adds_count_distinct_waiting_keys_as_client_go_does()
    {
        using var q = NewQueue("deployment");
        var m = _registry.For("deployment");
        q.Add("a");
        q.Add("a"); // collapses: no second add
        q.Add("b");
        Assert.Equal(2, m.Depth);
        Assert.Equal(2, m.Adds);

        Assert.Equal("a", await Next(q));
        Assert.Equal(1, m.Depth);
        q.Add("a"); // while processing: counted, handed out again after Done
        Assert.Equal(2, m.Depth);
        Assert.Equal(3, m.Adds);
        q.Done("a");
        Assert.Equal("b", await Next(q));
        Assert.Equal("a", await Next(q));
        Assert.Equal(0, m.Depth);
    }

    [Fact]
    public async Task Wait_and_work_durations_use_the_injected_clock()
    {
        using var q = NewQueue("replicaset");
        var m = _registry.For("replicaset");
        q.Add("a");
        _time.Advance(TimeSpan.FromMilliseconds(30));
        Assert.Equal("a", await Next(q));
        _time.Advance(TimeSpan.FromSeconds(2));
        Assert.Equal(TimeSpan.FromSeconds(2), Assert.Single(m.InFlight()));
        q.Done("a");
        Assert.Empty(m.InFlight());

        var wait = m.QueueDuration.Snapshot();
        Assert.Equal(1, wait.Count);
        Assert.Equal(0.03, wait.Sum, 6);
        // Cumulative buckets 1e-8 … 10: 30 ms falls under 0.1 and above.
        Assert.Equal([0, 0, 0, 0, 0, 0, 0, 1, 1, 1], wait.Cumulative);
        var work = m.WorkDuration.Snapshot();
        Assert.Equal(2, work.Sum, 6);
        Assert.Equal([0, 0, 0, 0, 0, 0, 0, 0, 0, 1], work.Cumulative);
    }

    [Fact]
    public void Delayed_adds_count_as_retries()
    {
        using var q = NewQueue("job");
        q.AddRateLimited("a");
        q.AddAfter("b", TimeSpan.Zero);
        Assert.Equal(2, _registry.For("job").Retries);
        Assert.Equal(1, _registry.For("job").Depth); // "a" still waits out its back-off
    }

    [Fact]
    public async Task The_exposition_has_upstream_names_labels_and_cumulative_buckets()
    {
        using var q = NewQueue("replicaset");
        using var other = NewQueue("deployment");
        q.Add("a");
        q.Add("b");
        _time.Advance(TimeSpan.FromMilliseconds(5));
        await Next(q);

        var text = _registry.ToPrometheusText();
        Assert.Contains("# TYPE workqueue_depth gauge\n", text);
        Assert.Contains("workqueue_depth{name=\"replicaset\"} 1\n", text);
        Assert.Contains("workqueue_depth{name=\"deployment\"} 0\n", text);
        Assert.Contains("workqueue_adds_total{name=\"replicaset\"} 2\n", text);
        Assert.Contains("# TYPE workqueue_queue_duration_seconds histogram\n", text);
        Assert.Contains("workqueue_queue_duration_seconds_bucket{name=\"replicaset\",le=\"1e-08\"} 0\n", text);
        Assert.Contains("workqueue_queue_duration_seconds_bucket{name=\"replicaset\",le=\"0.001\"} 0\n", text);
        Assert.Contains("workqueue_queue_duration_seconds_bucket{name=\"replicaset\",le=\"0.01\"} 1\n", text);
        Assert.Contains("workqueue_queue_duration_seconds_bucket{name=\"replicaset\",le=\"+Inf\"} 1\n", text);
        Assert.Contains("workqueue_queue_duration_seconds_count{name=\"replicaset\"} 1\n", text);
        Assert.Contains("workqueue_work_duration_seconds_count{name=\"replicaset\"} 0\n", text);
        Assert.Contains("workqueue_retries_total{name=\"deployment\"} 0\n", text);
        Assert.Contains("workqueue_longest_running_processor_seconds{name=\"replicaset\"} 0\n", text);
        Assert.Contains("workqueue_unfinished_work_seconds{name=\"replicaset\"} 0\n", text);
    }

    [Fact]
    public void A_queue_without_metrics_still_works()
    {
        using var q = new WorkQueue<string>(_time);
        q.Add("a");
        Assert.Equal(1, q.Count);
        Assert.Empty(_registry.Queues);
    }
}
