namespace KubeSharp.Controllers.ReplicaSet;

/// <summary>
/// Upstream's (UID-tracking) ControllerExpectations: after a controller creates or deletes pods it waits
/// until its cache has seen those changes before acting on the same owner again, so a lagging cache
/// cannot make it create or delete twice. Expectations older than <see cref="Timeout"/> count as met,
/// so a lost watch event only delays the owner.
/// </summary>
public sealed class ControllerExpectations(TimeProvider time)
{
    public static readonly TimeSpan Timeout = TimeSpan.FromMinutes(5);

    sealed class Entry
    {
        public int Adds;
        public int Deletes;
        public DateTimeOffset SetAt;
        public readonly HashSet<string> DeletingUids = new(StringComparer.Ordinal);
    }

    readonly Lock _gate = new();
    readonly Dictionary<string, Entry> _entries = new(StringComparer.Ordinal);

    /// <summary>True when nothing is pending for <paramref name="key"/> (or the expectations expired or were never set).</summary>
    public bool Satisfied(string key)
    {
        lock (_gate)
        {
            if (!_entries.TryGetValue(key, out var e)) return true;
            if (e.Adds <= 0 && e.Deletes <= 0) return true;
            return time.GetUtcNow() - e.SetAt > Timeout;
        }
    }

    public void ExpectCreations(string key, int adds) => Set(key, adds, []);

    /// <summary>Expects the deletion of the pods with <paramref name="uids"/>; each is observed once, however it is reported.</summary>
    public void ExpectDeletions(string key, IReadOnlyCollection<string> uids) => Set(key, 0, uids);

    void Set(string key, int adds, IReadOnlyCollection<string> uids)
    {
        lock (_gate)
        {
            var e = new Entry { Adds = adds, Deletes = uids.Count, SetAt = time.GetUtcNow() };
            e.DeletingUids.UnionWith(uids);
            _entries[key] = e;
        }
    }

    public void CreationObserved(string key)
    {
        lock (_gate)
            if (_entries.TryGetValue(key, out var e)) e.Adds--;
    }

    /// <summary>Lowers the pending creations without an observation, for creations that failed or were skipped.</summary>
    public void LowerCreations(string key, int count)
    {
        lock (_gate)
            if (_entries.TryGetValue(key, out var e)) e.Adds -= count;
    }

    /// <summary>Records that the pod <paramref name="uid"/> is going or gone; repeated reports of the same pod count once.</summary>
    public void DeletionObserved(string key, string uid)
    {
        lock (_gate)
            if (_entries.TryGetValue(key, out var e) && e.DeletingUids.Remove(uid)) e.Deletes--;
    }

    public void Delete(string key)
    {
        lock (_gate) _entries.Remove(key);
    }

    /// <summary>Pending (creations, deletions) of <paramref name="key"/>, for tests and diagnostics.</summary>
    public (int Adds, int Deletes) Pending(string key)
    {
        lock (_gate) return _entries.TryGetValue(key, out var e) ? (e.Adds, e.Deletes) : (0, 0);
    }
}
