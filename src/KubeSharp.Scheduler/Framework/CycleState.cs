namespace KubeSharp.Scheduler.Framework;

/// <summary>
/// Data plugins compute once per scheduling cycle (in PreFilter or PreScore) and read for every node.
/// Written before the per-node phases start, only read during them (which may run in parallel).
/// </summary>
public sealed class CycleState
{
    readonly Dictionary<string, object> _data = new(StringComparer.Ordinal);
    readonly HashSet<string> _skipFilter = new(StringComparer.Ordinal);
    readonly HashSet<string> _skipScore = new(StringComparer.Ordinal);

    public void Write(string key, object value) => _data[key] = value;

    public T? Read<T>(string key) where T : class => _data.TryGetValue(key, out var v) ? v as T : null;

    public void SkipFilter(string plugin) => _skipFilter.Add(plugin);
    public bool FilterSkipped(string plugin) => _skipFilter.Contains(plugin);
    public void SkipScore(string plugin) => _skipScore.Add(plugin);
    public bool ScoreSkipped(string plugin) => _skipScore.Contains(plugin);
}
