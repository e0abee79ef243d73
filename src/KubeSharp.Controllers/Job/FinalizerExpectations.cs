using KubeSharp.Api.Resources;

namespace KubeSharp.Controllers.Job;

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
