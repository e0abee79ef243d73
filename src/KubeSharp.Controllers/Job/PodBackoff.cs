using KubeSharp.Api.Model.Core;
using KubeSharp.Api.Resources;

namespace KubeSharp.Controllers.Job;

/// <summary>The failures of a job since its last success, and when the latest one happened.</summary>
public sealed record BackoffRecord(NamespacedName Key, int FailuresAfterLastSuccess, DateTimeOffset? LastFailureTime)
{
    public static readonly TimeSpan DefaultBackoff = TimeSpan.FromSeconds(10);
    public static readonly TimeSpan MaxBackoff = TimeSpan.FromMinutes(6);

    /// <summary>How long pod creation must still wait: 10 s doubled per failure after the first, at most 6 min, counted from the last failure.</summary>
    public TimeSpan RemainingTime(DateTimeOffset now)
    {
        if (FailuresAfterLastSuccess == 0 || LastFailureTime is not { } last) return TimeSpan.Zero;
        var backoff = DefaultBackoff;
        for (var i = 1; i < FailuresAfterLastSuccess && backoff < MaxBackoff; i++) backoff *= 2;
        if (backoff > MaxBackoff) backoff = MaxBackoff;
        var remaining = backoff - (now - last);
        return remaining > TimeSpan.Zero ? remaining : TimeSpan.Zero;
    }
}

/// <summary>
/// Upstream's pod back-off store: per job, failures counted since the last success, updated from the pods
/// that finished since the last sync. Kept in memory: after a restart the back-off starts over.
/// </summary>
public sealed class PodBackoffStore
{
    readonly Lock _gate = new();
    readonly Dictionary<NamespacedName, BackoffRecord> _records = [];

    /// <summary>The record as it would be after the newly finished pods; stored only by <see cref="Update"/>.</summary>
    public BackoffRecord Next(NamespacedName key, IReadOnlyList<Pod> newSucceeded, IReadOnlyList<Pod> newFailed, DateTimeOffset now)
    {
        BackoffRecord record;
        lock (_gate) record = _records.GetValueOrDefault(key) ?? new BackoffRecord(key, 0, null);
        var failedTimes = newFailed.Select(p => JobPods.FinishedAt(p, now)).Order().ToList();
        if (newSucceeded.Count == 0)
        {
            if (failedTimes.Count == 0) return record;
            return record with { FailuresAfterLastSuccess = record.FailuresAfterLastSuccess + failedTimes.Count, LastFailureTime = failedTimes[^1] };
        }
        var lastSuccess = newSucceeded.Max(p => JobPods.FinishedAt(p, now));
        var after = failedTimes.Where(t => t > lastSuccess).ToList();
        return new BackoffRecord(key, after.Count, after.Count > 0 ? after[^1] : null);
    }

    public void Update(BackoffRecord record)
    {
        lock (_gate) _records[record.Key] = record;
    }

    public void Remove(NamespacedName key)
    {
        lock (_gate) _records.Remove(key);
    }
}
