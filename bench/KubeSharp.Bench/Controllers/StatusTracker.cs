using System.Text.Json;

namespace KubeSharp.Bench.Controllers;

/// <summary>The replica counts a Deployment or ReplicaSet reports, with the generations that say whether they are current.</summary>
public readonly record struct ReplicaCounts(long Generation, long ObservedGeneration, int Specified, int Replicas, int Updated, int Ready, int Available)
{
    public static ReplicaCounts Read(JsonElement obj)
    {
        static long Long(JsonElement parent, string a, string b) =>
            parent.TryGetProperty(a, out var x) && x.TryGetProperty(b, out var y) && y.ValueKind == JsonValueKind.Number ? y.GetInt64() : 0;
        return new ReplicaCounts(
            Long(obj, "metadata", "generation"), Long(obj, "status", "observedGeneration"), (int)Long(obj, "spec", "replicas"),
            (int)Long(obj, "status", "replicas"), (int)Long(obj, "status", "updatedReplicas"),
            (int)Long(obj, "status", "readyReplicas"), (int)Long(obj, "status", "availableReplicas"));
    }
}

/// <summary>
/// The latest <see cref="ReplicaCounts"/> of every object a watch reports, keyed by a label, and waiters for
/// conditions over them; a waiter completes with the Stopwatch tick of the event that first satisfied it.
/// </summary>
public sealed class StatusTracker(Func<JsonElement, string?> keyOf)
{
    readonly Lock _lock = new();
    readonly Dictionary<string, ReplicaCounts> _latest = new(StringComparer.Ordinal);
    readonly List<(Func<IReadOnlyDictionary<string, ReplicaCounts>, bool> Condition, TaskCompletionSource<long> Done)> _waiters = [];

    /// <summary>Keyed by the object's <c>app</c> label: a Deployment's own, or the one a ReplicaSet copies from its template.</summary>
    public static StatusTracker ByAppLabel() => new(obj =>
        obj.TryGetProperty("metadata", out var m) && m.TryGetProperty("labels", out var l) && l.TryGetProperty("app", out var app) ? app.GetString() : null);

    public void OnEvent(WatchEvent e)
    {
        if (keyOf(e.Object) is not { } key) return;
        lock (_lock)
        {
            if (e.Type == "DELETED") _latest.Remove(key);
            else _latest[key] = ReplicaCounts.Read(e.Object);
            for (var i = _waiters.Count - 1; i >= 0; i--)
            {
                if (!_waiters[i].Condition(_latest)) continue;
                _waiters[i].Done.TrySetResult(e.ArrivedAt);
                _waiters.RemoveAt(i);
            }
        }
    }

    public ReplicaCounts? Latest(string key)
    {
        lock (_lock) return _latest.TryGetValue(key, out var c) ? c : null;
    }

    /// <summary>Completes when <paramref name="condition"/> holds after some event (checked at once against what is known).</summary>
    public Task<long> WhenAsync(Func<IReadOnlyDictionary<string, ReplicaCounts>, bool> condition)
    {
        var done = new TaskCompletionSource<long>(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_lock)
        {
            if (condition(_latest)) done.TrySetResult(System.Diagnostics.Stopwatch.GetTimestamp());
            else _waiters.Add((condition, done));
        }
        return done.Task;
    }

    public Task<long> WhenAsync(string key, Func<ReplicaCounts, bool> condition) =>
        WhenAsync(all => all.TryGetValue(key, out var c) && condition(c));
}
