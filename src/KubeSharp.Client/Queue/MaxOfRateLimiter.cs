namespace KubeSharp.Client.Queue;

/// <summary>The longest delay any of the given limiters asks for.</summary>
public sealed class MaxOfRateLimiter<TKey>(params IReadOnlyList<IRateLimiter<TKey>> limiters) : IRateLimiter<TKey> where TKey : notnull
{
    public TimeSpan When(TKey key)
    {
        var max = TimeSpan.Zero;
        foreach (var l in limiters)
        {
            var d = l.When(key);
            if (d > max) max = d;
        }
        return max;
    }

    public void Forget(TKey key)
    {
        foreach (var l in limiters) l.Forget(key);
    }

    public int NumRequeues(TKey key) => limiters.Max(l => l.NumRequeues(key));
}
