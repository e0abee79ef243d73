namespace KubeSharp.Client.Queue;

/// <summary>Decides how long a key waits before its next retry.</summary>
public interface IRateLimiter<TKey> where TKey : notnull
{
    /// <summary>The delay for this retry of <paramref name="key"/>; counts it as a failure.</summary>
    TimeSpan When(TKey key);

    /// <summary>Clears the failure history of <paramref name="key"/> (call after a success).</summary>
    void Forget(TKey key);

    int NumRequeues(TKey key);
}

public static class RateLimiters
{
    /// <summary>As client-go's default controller limiter: per key 5 ms doubling to 1000 s, overall 10/s with bursts of 100.</summary>
    public static IRateLimiter<TKey> DefaultController<TKey>(TimeProvider time) where TKey : notnull =>
        new MaxOfRateLimiter<TKey>(
            new ExponentialFailureRateLimiter<TKey>(TimeSpan.FromMilliseconds(5), TimeSpan.FromSeconds(1000)),
            new BucketRateLimiter<TKey>(10, 100, time));
}
