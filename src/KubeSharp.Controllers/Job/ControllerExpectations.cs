using KubeSharp.Api.Resources;

namespace KubeSharp.Controllers.Job;

/// <summary>
/// Upstream's ControllerExpectations: the pod creations and deletions a controller issued and has not yet
/// seen come back through its informer. While some are outstanding the cache is known to lag, so the
/// controller must not count pods and act again. Stale expectations expire so a lost event cannot wedge a key.
/// </summary>
public sealed class ControllerExpectations(TimeProvider time)
{
    public static readonly TimeSpan Timeout = TimeSpan.FromMinutes(5);

    sealed record Pending(int Adds, int Deletes, DateTimeOffset SetAt);

    readonly Lock _gate = new();
    readonly Dictionary<NamespacedName, Pending> _pending = [];

    /// <summary>True when nothing is outstanding for <paramref name="key"/> (or what is outstanding is older than <see cref="Timeout"/>).</summary>
    public bool Satisfied(NamespacedName key)
    {
        lock (_gate)
        {
            if (!_pending.TryGetValue(key, out var p)) return true;
            return (p.Adds <= 0 && p.Deletes <= 0) || time.GetUtcNow() - p.SetAt > Timeout;
        }
    }

    public void ExpectCreations(NamespacedName key, int count) => Set(key, count, 0);

    public void ExpectDeletions(NamespacedName key, int count) => Set(key, 0, count);

    public void CreationObserved(NamespacedName key) => Lower(key, 1, 0);

    public void DeletionObserved(NamespacedName key) => Lower(key, 0, 1);

    public void Forget(NamespacedName key)
    {
        lock (_gate) _pending.Remove(key);
    }

    void Set(NamespacedName key, int adds, int deletes)
    {
        lock (_gate) _pending[key] = new Pending(adds, deletes, time.GetUtcNow());
    }

    void Lower(NamespacedName key, int adds, int deletes)
    {
        lock (_gate)
            if (_pending.TryGetValue(key, out var p))
                _pending[key] = p with { Adds = p.Adds - adds, Deletes = p.Deletes - deletes };
    }
}

/// <summary>
/// The pods whose tracking finalizer the controller removed and whose update the informer has not shown
/// yet: until it does, the cached pod still carries the finalizer and must not be counted a second time.
/// </summary>
public sealed class FinalizerExpectations
{
    readonly Lock _gate = new();
    readonly Dictionary<NamespacedName, HashSet<string>> _uids = [];

    public void ExpectRemoved(NamespacedName key, IEnumerable<string> uids)
    {
        lock (_gate)
        {
            if (!_uids.TryGetValue(key, out var set)) _uids[key] = set = new(StringComparer.Ordinal);
            set.UnionWith(uids);
        }
    }

    public void Observed(NamespacedName key, string uid)
    {
        lock (_gate)
            if (_uids.TryGetValue(key, out var set) && set.Remove(uid) && set.Count == 0)
                _uids.Remove(key);
    }

    public IReadOnlySet<string> Expected(NamespacedName key)
    {
        lock (_gate) return _uids.TryGetValue(key, out var set) ? set.ToHashSet(StringComparer.Ordinal) : new HashSet<string>();
    }

    public void Forget(NamespacedName key)
    {
        lock (_gate) _uids.Remove(key);
    }
}
