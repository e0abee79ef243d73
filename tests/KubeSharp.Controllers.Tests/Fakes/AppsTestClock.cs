namespace KubeSharp.Controllers.Tests.Fakes;

/// <summary>A clock the apps controller tests move by hand.</summary>
public sealed class AppsTestClock(DateTimeOffset start) : TimeProvider
{
    DateTimeOffset _now = start;

    public override DateTimeOffset GetUtcNow() => _now;

    public void Advance(TimeSpan by) => _now += by;
}
