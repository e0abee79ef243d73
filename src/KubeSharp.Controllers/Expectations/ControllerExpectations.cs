using KubeSharp.Api.Resources;

namespace KubeSharp.Controllers.Expectations;

/// <summary>
/// Upstream's ControllerExpectations (controller_utils), with its UID-tracking deletions: the pod creations
/// and deletions a controller issued for an owner and has not yet seen come back through its informer.
/// While some are outstanding the cache is known to lag, so the controller must not count pods and act
/// again (it would create or delete twice). Expectations older than <see cref="Timeout"/> count as met,
/// so a lost watch event only delays the owner.
/// </summary>
public sealed class ControllerExpectations(TimeProvider time)
{
    public static readonly TimeSpan Timeout = TimeSpan.FromMinutes(5);

    sealed class Entry(int adds, int deletes, DateTimeOffset setAt)
    {
        public int Adds = adds;
        public int Deletes = deletes;
        public readonly DateTimeOffset SetAt = setAt;
        public readonly HashSet<string> DeletingUids = new(StringComparer.Ordinal);
    }

    readonly Lock _gate = new();
    readonly Dictionary<NamespacedName, Entry> _entries = [];

    /// <summary>True when nothing is pending for <paramref name="key"/> (or the expectations expired or were never set).</summary>
    public bool Satisfied(NamespacedName key)
    {
        lock (_gate)
        {
            if (!_entries.TryGetValue(key, out var e)) return true;
            return (e.Adds <= 0 && e.Deletes <= 0) || time.GetUtcNow() - e.SetAt > Timeout;
        }
    }

    public void ExpectCreations(NamespacedName key, int adds) => Expect(key, adds, 0);

    /// <summary>Replaces what is expected for <paramref name="key"/> (upstream's SetExpectations).</summary>
    public void Expect(NamespacedName key, int adds, int deletes)
    {
        lock (_gate) _entries[key] = new Entry(adds, deletes, time.GetUtcNow());
    }

    /// <summary>Expects the deletion of the pods with <paramref name="uids"/>; each is observed once, however often it is reported.</summary>
    public void ExpectDeletions(NamespacedName key, IReadOnlyCollection<string> uids)
    {
        lock (_gate)
        {
            var e = new Entry(0, uids.Count, time.GetUtcNow());
            e.DeletingUids.UnionWith(uids);
            _entries[key] = e;
        }
    }

    public void CreationObserved(NamespacedName key) => Lower(key, 1, 0);

    /// <summary>Counts one deletion observed, for expectations set by count.</summary>
    public void DeletionObserved(NamespacedName key) => Lower(key, 0, 1);

    /// <summary>Records that the pod <paramref name="uid"/> is going or gone; repeated reports of the same pod count once.</summary>
    public void DeletionObserved(NamespacedName key, string uid)
    {
        lock (_gate)
            if (_entries.TryGetValue(key, out var e) && e.DeletingUids.Remove(uid)) e.Deletes--;
    }

    /// <summary>Gives up on creations or deletions that were never sent (a failed or skipped batch).</summary>
    public void Lower(NamespacedName key, int adds, int deletes)
    {
        lock (_gate)
        {
            if (!_entries.TryGetValue(key, out var e)) return;
            e.Adds -= adds;
            e.Deletes -= deletes;
        }
    }

    public void Forget(NamespacedName key)
    {
        lock (_gate) _entries.Remove(key);
    }
}
