namespace KubeSharp.Scheduler.Framework;

/// <summary>
/// Data plugins compute once per scheduling cycle (in PreFilter or PreScore) and read for every node.
/// Written before the per-node phases start, only read during them (which may run in parallel).
/// </summary>
public sealed class CycleState
{
    // Created on first use: most cycles of simple pods need none of them, and every cycle's garbage counts.
    Dictionary<string, object>? _data;
    HashSet<string>? _skipFilter;
    HashSet<string>? _skipScore;

    public void Write(string key, object value) => (_data ??= new(StringComparer.Ordinal))[key] = value;

    public T? Read<T>(string key) where T : class => _data is not null && _data.TryGetValue(key, out var v) ? v as T : null;

    public void SkipFilter(string plugin) => (_skipFilter ??= new(StringComparer.Ordinal)).Add(plugin);
    public bool FilterSkipped(string plugin) => _skipFilter is not null && _skipFilter.Contains(plugin);
    public void SkipScore(string plugin) => (_skipScore ??= new(StringComparer.Ordinal)).Add(plugin);
    public bool ScoreSkipped(string plugin) => _skipScore is not null && _skipScore.Contains(plugin);
}
