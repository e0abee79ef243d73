namespace KubeSharp.Client.Queue;

/// <summary>
/// One token bucket for all keys (<paramref name="qps"/> refill, <paramref name="burst"/> capacity): bounds
/// the overall retry rate however many keys fail at once. Each call reserves a token, possibly in the future.
/// </summary>
public sealed class BucketRateLimiter<TKey>(double qps, int burst, TimeProvider time) : IRateLimiter<TKey> where TKey : notnull
{
    readonly Lock _lock = new();
    double _tokens = burst;
    long _last = time.GetTimestamp();

    public TimeSpan When(TKey key)
    {
        lock (_lock)
        {
            var now = time.GetTimestamp();
            _tokens = Math.Min(burst, _tokens + time.GetElapsedTime(_last, now).TotalSeconds * qps);
            _last = now;
            _tokens -= 1;
            return _tokens >= 0 ? TimeSpan.Zero : TimeSpan.FromSeconds(-_tokens / qps);
        }
    }

    public void Forget(TKey key) { }

    public int NumRequeues(TKey key) => 0;
}
