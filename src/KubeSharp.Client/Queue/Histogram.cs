namespace KubeSharp.Client.Queue;

/// <summary>A cumulative Prometheus histogram: counts per upper bound, plus the sum and count of observations.</summary>
public sealed class Histogram
{
    readonly Lock _lock = new();
    readonly double[] _bounds;
    readonly long[] _counts;
    double _sum;
    long _count;

    public Histogram(IReadOnlyList<double> upperBounds)
    {
        _bounds = [.. upperBounds];
        _counts = new long[_bounds.Length];
    }

    /// <summary>client-go's workqueue buckets: ExponentialBuckets(10e-9, 10, 10), i.e. 10 ns to 10 s by decades.</summary>
    public static Histogram WorkQueueBuckets() => new([1e-8, 1e-7, 1e-6, 1e-5, 1e-4, 1e-3, 1e-2, 1e-1, 1, 10]);

    public IReadOnlyList<double> UpperBounds => _bounds;

    public void Observe(double value)
    {
        lock (_lock)
        {
            _sum += value;
            _count++;
            // Cumulative per bound, as the exposition format wants them.
            for (var i = _bounds.Length - 1; i >= 0 && value <= _bounds[i]; i--) _counts[i]++;
        }
    }

    /// <summary>A consistent copy: cumulative counts per bound (the +Inf bucket is <c>Count</c>), sum and count.</summary>
    public HistogramSnapshot Snapshot()
    {
        lock (_lock) return new HistogramSnapshot([.. _counts], _sum, _count);
    }
}

public sealed record HistogramSnapshot(long[] Cumulative, double Sum, long Count);
