using System.Collections.Concurrent;

namespace KubeSharp.Node.Kubelet.Pods;

/// <summary>
/// Upstream's restart (and image pull) back-off: the first failure retries at once, then 10 s, doubling up to
/// 5 min; an entry whose last failure is more than twice the maximum ago (the container ran fine for 10 min)
/// starts over.
/// </summary>
public sealed class CrashBackoff(TimeProvider time, TimeSpan? initial = null, TimeSpan? max = null)
{
    public static readonly TimeSpan DefaultInitial = TimeSpan.FromSeconds(10);
    public static readonly TimeSpan DefaultMax = TimeSpan.FromMinutes(5);

    sealed record Entry(TimeSpan Delay, DateTimeOffset Since);

    readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);
    readonly TimeSpan _initial = initial ?? DefaultInitial;
    readonly TimeSpan _max = max ?? DefaultMax;

    /// <summary>Whether a retry must wait; <paramref name="remaining"/> is how long.</summary>
    /// <param name="since">When the latest failure happened (a container's finish time); now when null.</param>
    public bool InBackoff(string key, out TimeSpan remaining, DateTimeOffset? since = null)
    {
        remaining = TimeSpan.Zero;
        if (!_entries.TryGetValue(key, out var entry)) return false;
        var now = time.GetUtcNow();
        var failedAt = since ?? entry.Since;
        if (failedAt - entry.Since > 2 * _max) return false;
        remaining = failedAt + entry.Delay - now;
        return remaining > TimeSpan.Zero;
    }

    /// <summary>Records a retry after a failure at <paramref name="since"/>: the next wait doubles.</summary>
    public TimeSpan Record(string key, DateTimeOffset? since = null)
    {
        var at = since ?? time.GetUtcNow();
        var entry = _entries.AddOrUpdate(key,
            _ => new Entry(_initial, at),
            (_, old) => at - old.Since > 2 * _max ? new Entry(_initial, at) : new Entry(Min(old.Delay * 2, _max), at));
        return entry.Delay;
    }

    /// <summary>The wait that applies to the next failure's retry (the current entry's delay), zero when none.</summary>
    public TimeSpan CurrentDelay(string key) => _entries.TryGetValue(key, out var entry) ? entry.Delay : TimeSpan.Zero;

    public void Forget(string key) => _entries.TryRemove(key, out _);

    public void ForgetPrefix(string prefix)
    {
        foreach (var key in _entries.Keys)
            if (key.StartsWith(prefix, StringComparison.Ordinal)) _entries.TryRemove(key, out _);
    }

    static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;
}
