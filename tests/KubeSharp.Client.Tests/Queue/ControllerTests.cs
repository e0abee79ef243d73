using System.Collections.Concurrent;
using KubeSharp.Client.Queue;
using KubeSharp.Client.Tests.Fakes;
using KubeSharp.Testing;

namespace KubeSharp.Client.Tests.Queue;

public sealed class ControllerTests
{
    [Fact]
    public async Task A_key_is_never_reconciled_by_two_workers_at_once()
    {
        using var q = new WorkQueue<string>(TimeProvider.System);
        var inFlight = new ConcurrentDictionary<string, int>();
        var overlaps = 0;
        var runs = 0;
        var controller = new Controller<string>("test", q, async (key, ct) =>
        {
            if (inFlight.AddOrUpdate(key, 1, (_, n) => n + 1) > 1) Interlocked.Increment(ref overlaps);
            Interlocked.Increment(ref runs);
            await Task.Delay(2, ct);
            inFlight.AddOrUpdate(key, 0, (_, n) => n - 1);
        });
        using var cts = new CancellationTokenSource();
        var running = controller.RunAsync(4, cts.Token);

        for (var i = 0; i < 200; i++)
        {
            q.Add("k" + (i % 3));
            if (i % 10 == 0) await Task.Delay(1);
        }
        await Eventually.Until(() => q.Count == 0 && inFlight.Values.All(v => v == 0));
        await Eventually.Settle();
        await cts.CancelAsync();
        await running.WaitAsync(TimeSpan.FromSeconds(5));

        Assert.Equal(0, overlaps);
        Assert.InRange(runs, 3, 200);
    }

    [Fact]
    public async Task Failures_are_retried_with_backoff_and_forgotten_after_success()
    {
        var time = new ManualTimeProvider();
        using var q = new WorkQueue<string>(time, new ExponentialFailureRateLimiter<string>(TimeSpan.FromMilliseconds(5), TimeSpan.FromSeconds(1000)));
        var attempts = 0;
        var controller = new Controller<string>("test", q, (key, ct) =>
            ++attempts < 3 ? throw new InvalidOperationException("not yet") : Task.CompletedTask);

        q.Add("a");
        Assert.True(await controller.ProcessNextAsync(CancellationToken.None));
        Assert.Equal(1, q.NumRequeues("a"));
        Assert.Equal(0, q.Count);
        time.Advance(TimeSpan.FromMilliseconds(5));
        Assert.True(await controller.ProcessNextAsync(CancellationToken.None));
        Assert.Equal(2, q.NumRequeues("a"));
        time.Advance(TimeSpan.FromMilliseconds(9));
        Assert.Equal(0, q.Count);
        time.Advance(TimeSpan.FromMilliseconds(1));
        Assert.True(await controller.ProcessNextAsync(CancellationToken.None));

        Assert.Equal(3, attempts);
        Assert.Equal(0, q.NumRequeues("a"));
    }

    [Fact]
    public async Task Cancelling_stops_the_workers()
    {
        using var q = new WorkQueue<int>(TimeProvider.System);
        var controller = new Controller<int>("test", q, (_, _) => Task.CompletedTask);
        using var cts = new CancellationTokenSource();
        var running = controller.RunAsync(2, cts.Token);
        await cts.CancelAsync();
        await running.WaitAsync(TimeSpan.FromSeconds(5));
        Assert.True(q.ShuttingDown);
    }
}
