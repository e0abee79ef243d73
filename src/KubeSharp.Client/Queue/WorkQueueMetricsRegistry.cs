using System.Globalization;
using System.Text;

namespace KubeSharp.Client.Queue;

/// <summary>
/// The work queues of one process that report metrics, by name, and their Prometheus text exposition with
/// client-go's metric names (<c>workqueue_depth{name="deployment"}</c>, …), for a <c>/metrics</c> endpoint.
/// </summary>
public sealed class WorkQueueMetricsRegistry
{
    readonly Lock _lock = new();
    readonly Dictionary<string, WorkQueueMetrics> _queues = new(StringComparer.Ordinal);

    /// <summary>
    /// The metrics for the queue called <paramref name="name"/>. Two queues with one name (two instances of a
    /// component in one process) share the series, as they would share a Prometheus registry upstream.
    /// </summary>
    public WorkQueueMetrics For(string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        lock (_lock)
        {
            if (!_queues.TryGetValue(name, out var metrics)) _queues[name] = metrics = new WorkQueueMetrics(name);
            return metrics;
        }
    }

    public IReadOnlyList<WorkQueueMetrics> Queues
    {
        get { lock (_lock) return [.. _queues.Values.OrderBy(q => q.Name, StringComparer.Ordinal)]; }
    }

    /// <summary>Text exposition format 0.0.4 (<c>text/plain; version=0.0.4</c>).</summary>
    public string ToPrometheusText()
    {
        var queues = Queues;
        var text = new StringBuilder();
        Family(text, queues, "workqueue_adds_total", "counter", "Total number of adds handled by workqueue", q => Count(q.Adds));
        Family(text, queues, "workqueue_depth", "gauge", "Current depth of workqueue", q => Count(q.Depth));
        Family(text, queues, "workqueue_longest_running_processor_seconds", "gauge",
            "How many seconds has the longest running processor for workqueue been running.",
            q => Seconds(q.InFlight().DefaultIfEmpty(TimeSpan.Zero).Max().TotalSeconds));
        HistogramFamily(text, queues, "workqueue_queue_duration_seconds", "How long in seconds an item stays in workqueue before being requested.", q => q.QueueDuration);
        Family(text, queues, "workqueue_retries_total", "counter", "Total number of retries handled by workqueue", q => Count(q.Retries));
        Family(text, queues, "workqueue_unfinished_work_seconds", "gauge",
            "How many seconds of work has done that is in progress and hasn't been observed by work_duration. Large values indicate stuck threads. One can deduce the number of stuck threads by observing the rate at which this increases.",
            q => Seconds(q.InFlight().Sum(t => t.TotalSeconds)));
        HistogramFamily(text, queues, "workqueue_work_duration_seconds", "How long in seconds processing an item from workqueue takes.", q => q.WorkDuration);
        return text.ToString();
    }

    static void Family(StringBuilder text, IReadOnlyList<WorkQueueMetrics> queues, string name, string type, string help, Func<WorkQueueMetrics, string> value)
    {
        Head(text, name, type, help);
        foreach (var q in queues) text.Append(name).Append("{name=\"").Append(Label(q.Name)).Append("\"} ").Append(value(q)).Append('\n');
    }

    static void HistogramFamily(StringBuilder text, IReadOnlyList<WorkQueueMetrics> queues, string name, string help, Func<WorkQueueMetrics, Histogram> histogram)
    {
        Head(text, name, "histogram", help);
        foreach (var q in queues)
        {
            var h = histogram(q);
            var s = h.Snapshot();
            var label = Label(q.Name);
            for (var i = 0; i < h.UpperBounds.Count; i++)
                text.Append(name).Append("_bucket{name=\"").Append(label).Append("\",le=\"").Append(Bound(h.UpperBounds[i])).Append("\"} ").Append(Count(s.Cumulative[i])).Append('\n');
            text.Append(name).Append("_bucket{name=\"").Append(label).Append("\",le=\"+Inf\"} ").Append(Count(s.Count)).Append('\n');
            text.Append(name).Append("_sum{name=\"").Append(label).Append("\"} ").Append(Seconds(s.Sum)).Append('\n');
            text.Append(name).Append("_count{name=\"").Append(label).Append("\"} ").Append(Count(s.Count)).Append('\n');
        }
    }

    static void Head(StringBuilder text, string name, string type, string help) =>
        text.Append("# HELP ").Append(name).Append(' ').Append(help).Append('\n').Append("# TYPE ").Append(name).Append(' ').Append(type).Append('\n');

    static string Count(long n) => n.ToString(CultureInfo.InvariantCulture);

    static string Seconds(double s) => s.ToString("R", CultureInfo.InvariantCulture);

    // As Go's strconv 'g' prints the bucket bounds ("1e-08", "0.001", "10"), so scrapers see upstream's label values.
    static string Bound(double b) => b < 1e-4
        ? b.ToString("0e-00", CultureInfo.InvariantCulture)
        : b.ToString("R", CultureInfo.InvariantCulture);

    static string Label(string value) => value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal);
}
