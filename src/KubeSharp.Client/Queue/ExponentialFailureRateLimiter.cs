namespace KubeSharp.Client.Queue;

/// <summary>Per-key back-off: <c>baseDelay · 2^failures</c>, capped at <c>maxDelay</c>.</summary>
public sealed class ExponentialFailureRateLimiter<TKey>(TimeSpan baseDelay, TimeSpan maxDelay) : IRateLimiter<TKey> where TKey : notnull
{
    readonly Lock _lock = new();
    readonly Dictionary<TKey, int> _failures = [];

    public TimeSpan When(TKey key)
    {
        int exponent;
        lock (_lock)
        {
            exponent = _failures.GetValueOrDefault(key);
            _failures[key] = exponent + 1;
        }
        // Computed in floating point so large exponents saturate instead of overflowing.
        var ticks = baseDelay.Ticks * Math.Pow(2, exponent);
        return ticks >= maxDelay.Ticks ? maxDelay : TimeSpan.FromTicks((long)ticks);
    }

    public void Forget(TKey key)
    {
        lock (_lock) _failures.Remove(key);
    }

    public int NumRequeues(TKey key)
    {
        lock (_lock) return _failures.GetValueOrDefault(key);
    }
}
