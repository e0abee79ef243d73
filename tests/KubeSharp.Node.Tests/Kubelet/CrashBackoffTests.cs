using KubeSharp.Node.Kubelet.Pods;

namespace KubeSharp.Node.Tests.Kubelet;

public sealed class CrashBackoffTests
{
    [Fact]
    public void First_restart_is_immediate_then_waits_double_up_to_five_minutes()
    {
        var time = new ManualTime(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
        var backoff = new CrashBackoff(time);
        var waits = new List<TimeSpan>();
        for (var crash = 0; crash < 8; crash++)
        {
            var finished = time.GetUtcNow();
            if (backoff.InBackoff("k", out var remaining, finished))
            {
                waits.Add(remaining);
                time.Advance(remaining);
            }
            else waits.Add(TimeSpan.Zero);
            Assert.False(backoff.InBackoff("k", out _, finished));
            backoff.Record("k", finished);
        }
        Assert.Equal(new[] { 0, 10, 20, 40, 80, 160, 300, 300 }.Select(s => TimeSpan.FromSeconds(s)), waits);
    }

    [Fact]
    public void Resets_after_running_well_for_ten_minutes()
    {
        var time = new ManualTime(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
        var backoff = new CrashBackoff(time);
        backoff.Record("k", time.GetUtcNow());
        backoff.Record("k", time.GetUtcNow());
        Assert.Equal(TimeSpan.FromSeconds(20), backoff.CurrentDelay("k"));
        time.Advance(TimeSpan.FromMinutes(11));
        Assert.False(backoff.InBackoff("k", out _, time.GetUtcNow()));
        backoff.Record("k", time.GetUtcNow());
        Assert.Equal(TimeSpan.FromSeconds(10), backoff.CurrentDelay("k"));
    }
}
