using KubeSharp.Client.Queue;
using KubeSharp.Client.Tests.Fakes;
using KubeSharp.Testing;

namespace KubeSharp.Client.Tests.Queue;

public sealed class WorkQueueTests
{
    readonly ManualTimeProvider _time = new();

    WorkQueue<string> NewQueue() =>
        new(_time, new ExponentialFailureRateLimiter<string>(TimeSpan.FromMilliseconds(5), TimeSpan.FromSeconds(1000)));

    static async Task<string> Next(WorkQueue<string> q)
    {
        var (key, shutDown) = await q.GetAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(5));
        Assert.False(shutDown);
        return key;
    }

    [Fact]
    public async Task Repeated_adds_collapse_and_order_is_fifo()
    {
        using var q = NewQueue();
        q.Add("a");
        q.Add("b");
        q.Add("a");
        Assert.Equal(2, q.Count);
        Assert.Equal("a", await Next(q));
        Assert.Equal("b", await Next(q));
        Assert.Equal(0, q.Count);
    }

    [Fact]
    public async Task A_key_added_while_processing_is_handed_out_again_only_after_Done()
    {
        using var q = NewQueue();
        q.Add("a");
        Assert.Equal("a", await Next(q));

        q.Add("a");
        q.Add("a");
        Assert.Equal(0, q.Count);
        var waiting = q.GetAsync().AsTask();
        await Eventually.Settle();
        Assert.False(waiting.IsCompleted);

        q.Done("a");
        var (key, _) = await waiting.WaitAsync(TimeSpan.FromSeconds(5));
        Assert.Equal("a", key);
        q.Done("a");
        Assert.Equal(0, q.Count);
    }

    [Fact]
    public async Task AddAfter_waits_for_the_clock_and_the_earliest_deadline_wins()
    {
        using var q = NewQueue();
        q.AddAfter("a", TimeSpan.FromSeconds(10));
        q.AddAfter("a", TimeSpan.FromSeconds(3));
        q.AddAfter("a", TimeSpan.FromSeconds(20));
        _time.Advance(TimeSpan.FromSeconds(2.9));
        Assert.Equal(0, q.Count);
        _time.Advance(TimeSpan.FromSeconds(0.1));
        Assert.Equal(1, q.Count);
        Assert.Equal("a", await Next(q));
        q.Done("a");
        _time.Advance(TimeSpan.FromSeconds(30));
        Assert.Equal(0, q.Count); // the later deadlines were folded into the first
    }

    [Fact]
    public void Rate_limited_adds_back_off_exponentially_per_key_until_forgotten()
    {
        using var q = NewQueue();
        var expected = new[] { 5, 10, 20, 40 };
        foreach (var ms in expected)
        {
            q.AddRateLimited("a");
            _time.Advance(TimeSpan.FromMilliseconds(ms - 1));
            Assert.Equal(0, q.Count);
            _time.Advance(TimeSpan.FromMilliseconds(1));
            Assert.Equal(1, q.Count);
            Assert.True(q.GetAsync().IsCompletedSuccessfully);
            q.Done("a");
        }
        Assert.Equal(4, q.NumRequeues("a"));

        q.AddRateLimited("b"); // other keys have their own history
        _time.Advance(TimeSpan.FromMilliseconds(5));
        Assert.Equal(1, q.Count);

        q.Forget("a");
        Assert.Equal(0, q.NumRequeues("a"));
        q.AddRateLimited("a");
        _time.Advance(TimeSpan.FromMilliseconds(5));
        Assert.Equal(2, q.Count);
    }

    [Fact]
    public void Exponential_backoff_is_capped()
    {
        var limiter = new ExponentialFailureRateLimiter<string>(TimeSpan.FromMilliseconds(5), TimeSpan.FromSeconds(1000));
        var delays = Enumerable.Range(0, 40).Select(_ => limiter.When("k")).ToList();
        Assert.Equal(TimeSpan.FromMilliseconds(5), delays[0]);
        Assert.Equal(TimeSpan.FromMilliseconds(5 * 1024), delays[10]);
        Assert.Equal(TimeSpan.FromSeconds(1000), delays[^1]);
        Assert.All(delays, d => Assert.True(d <= TimeSpan.FromSeconds(1000)));
    }

    [Fact]
    public void Bucket_limiter_allows_a_burst_then_spaces_by_rate()
    {
        var limiter = new BucketRateLimiter<string>(qps: 2, burst: 2, _time);
        Assert.Equal(TimeSpan.Zero, limiter.When("a"));
        Assert.Equal(TimeSpan.Zero, limiter.When("b"));
        Assert.Equal(TimeSpan.FromSeconds(0.5), limiter.When("c"));
        Assert.Equal(TimeSpan.FromSeconds(1), limiter.When("d"));
        _time.Advance(TimeSpan.FromSeconds(10));
        Assert.Equal(TimeSpan.Zero, limiter.When("e"));
    }

    [Fact]
    public async Task ShutDown_drains_then_reports_and_wakes_waiters()
    {
        using var q = NewQueue();
        var waiter = q.GetAsync().AsTask();
        q.Add("a");
        Assert.Equal("a", (await waiter.WaitAsync(TimeSpan.FromSeconds(5))).Key);
        q.Add("b");
        var blocked = Task.Run(async () =>
        {
            Assert.Equal("b", await Next(q));
            return await q.GetAsync();
        });
        await Eventually.Settle();
        q.ShutDown();
        var (_, shutDown) = await blocked.WaitAsync(TimeSpan.FromSeconds(5));
        Assert.True(shutDown);
        q.Add("c");
        Assert.Equal(0, q.Count);
        Assert.True(q.ShuttingDown);
    }

    [Fact]
    public async Task A_cancelled_waiter_does_not_swallow_the_next_key()
    {
        using var q = NewQueue();
        using var cts = new CancellationTokenSource();
        var cancelled = q.GetAsync(cts.Token).AsTask();
        var other = q.GetAsync().AsTask();
        await cts.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => cancelled);
        q.Add("a");
        Assert.Equal("a", (await other.WaitAsync(TimeSpan.FromSeconds(5))).Key);
    }
}
