namespace KubeSharp.Client.Cache;

/// <summary>Doubling delay between retries of a failing list or watch, reset after a success.</summary>
sealed class Backoff(TimeSpan initial, TimeSpan max)
{
    readonly TimeSpan _initial = initial;
    TimeSpan _next = initial;

    public TimeSpan Next()
    {
        var current = _next;
        _next = TimeSpan.FromTicks(Math.Min(max.Ticks, _next.Ticks * 2));
        return current;
    }

    public void Reset() => _next = _initial;
}
