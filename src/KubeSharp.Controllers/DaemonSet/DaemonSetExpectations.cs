using KubeSharp.Api.Resources;

namespace KubeSharp.Controllers.DaemonSet;

/// <summary>
/// Upstream's ControllerExpectations for daemon sets: creations and deletions a sync made and has not yet
/// seen in the pod cache. Until they are observed (or time out) a sync must not act again on stale
/// counts, or it would create a second pod on a node.
/// </summary>
public sealed class DaemonSetExpectations(TimeProvider time)
{
    public static readonly TimeSpan Timeout = TimeSpan.FromMinutes(5);

    sealed record Entry(int Adds, int Deletes, DateTimeOffset SetAt);

    readonly Dictionary<NamespacedName, Entry> _entries = [];
    readonly Lock _gate = new();

    public bool Satisfied(NamespacedName key)
    {
        lock (_gate)
        {
            if (!_entries.TryGetValue(key, out var e)) return true;
            return (e.Adds <= 0 && e.Deletes <= 0) || time.GetUtcNow() - e.SetAt > Timeout;
        }
    }

    public void Expect(NamespacedName key, int adds, int deletes)
    {
        lock (_gate) _entries[key] = new Entry(adds, deletes, time.GetUtcNow());
    }

    public void CreationObserved(NamespacedName key) => Lower(key, 1, 0);

    public void DeletionObserved(NamespacedName key) => Lower(key, 0, 1);

    /// <summary>Gives up on creations or deletions that were never sent (a failed batch).</summary>
    public void Lower(NamespacedName key, int adds, int deletes)
    {
        lock (_gate)
            if (_entries.TryGetValue(key, out var e)) _entries[key] = e with { Adds = e.Adds - adds, Deletes = e.Deletes - deletes };
    }

    public void Forget(NamespacedName key)
    {
        lock (_gate) _entries.Remove(key);
    }
}
