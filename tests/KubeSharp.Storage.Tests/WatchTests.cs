using KubeSharp.Storage.Sqlite;

namespace KubeSharp.Storage.Tests;

public sealed class WatchTests : IAsyncLifetime
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);
    private readonly TempStore _temp = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _temp.DisposeAsync();

    private static async Task<List<StoreEvent>> TakeAsync(IAsyncEnumerator<StoreEvent> watch, int count)
    {
        var events = new List<StoreEvent>();
        while (events.Count < count)
        {
            Assert.True(await watch.MoveNextAsync().AsTask().WaitAsync(Patience), "watch ended early");
            events.Add(watch.Current);
        }
        return events;
    }

    [Fact]
    public async Task Replays_history_after_the_revision_then_delivers_live_events()
    {
        var store = await _temp.OpenAsync();
        var a = await store.CreateAsync("/p/a", Bytes.Of("a1"));           // 1
        await store.CreateAsync("/q/x", Bytes.Of("x"));                    // 2, other prefix
        await store.UpdateAsync("/p/a", Bytes.Of("a2"), a.ModRevision);    // 3

        using var cts = new CancellationTokenSource();
        await using var watch = store.WatchAsync("/p/", afterRevision: 1, cts.Token).GetAsyncEnumerator();
        var replayed = await TakeAsync(watch, 1);
        Assert.Equal(StoreEventType.Put, replayed[0].Type);
        Assert.Equal(3, replayed[0].Revision);
        Assert.Equal("a2", replayed[0].Kv.Text());
        Assert.Equal("a1", replayed[0].PrevKv!.Text());
        Assert.Equal(1, replayed[0].PrevKv!.ModRevision);

        await store.CreateAsync("/q/y", Bytes.Of("y"));                    // 4, other prefix
        await store.CreateAsync("/p/b", Bytes.Of("b1"));                   // 5
        await store.DeleteAsync("/p/a");                                  // 6
        var live = await TakeAsync(watch, 2);

        Assert.Equal(5, live[0].Revision);
        Assert.Equal(StoreEventType.Put, live[0].Type);
        Assert.Null(live[0].PrevKv);
        Assert.Equal(StoreEventType.Delete, live[1].Type);
        Assert.Equal(6, live[1].Revision);
        Assert.Equal("a2", live[1].Kv.Text());
        Assert.Equal(1, live[1].Kv.CreateRevision);
        Assert.Equal(3, live[1].PrevKv!.ModRevision);
        Assert.Equal("a2", live[1].PrevKv!.Text());
        cts.Cancel();
    }

    [Fact]
    public async Task Replayed_events_match_live_events_field_for_field()
    {
        var store = await _temp.OpenAsync();
        using var cts = new CancellationTokenSource();
        await using var live = store.WatchAsync("/p/", 0, cts.Token).GetAsyncEnumerator();
        var pending = live.MoveNextAsync().AsTask();

        var a = await store.CreateAsync("/p/a", Bytes.Of("1"));
        var a2 = await store.UpdateAsync("/p/a", Bytes.Of("2"), a.ModRevision);
        await store.DeleteAsync("/p/a", a2.ModRevision);
        await store.CreateAsync("/p/a", Bytes.Of("3"));

        Assert.True(await pending.WaitAsync(Patience));
        var liveEvents = new List<StoreEvent> { live.Current };
        liveEvents.AddRange(await TakeAsync(live, 3));

        await using var replay = store.WatchAsync("/p/", 0, cts.Token).GetAsyncEnumerator();
        var replayed = await TakeAsync(replay, 4);

        Assert.Equal(liveEvents.Select(Describe), replayed.Select(Describe));
        cts.Cancel();

        static string Describe(StoreEvent e) =>
            $"{e.Type} {e.Kv.Key}={e.Kv.Text()}@{e.Kv.CreateRevision}/{e.Kv.ModRevision} prev={(e.PrevKv is null ? "-" : $"{e.PrevKv.Text()}@{e.PrevKv.CreateRevision}/{e.PrevKv.ModRevision}")}";
    }

    [Fact]
    public async Task Watches_started_during_concurrent_writes_see_every_event_once_in_order()
    {
        var store = await _temp.OpenAsync(new SqliteStoreOptions { ReplayPageSize = 7 });
        const int writers = 4, perWriter = 150;
        using var cts = new CancellationTokenSource();

        var writing = Enumerable.Range(0, writers).Select(w => Task.Run(async () =>
        {
            KeyValue? last = null;
            for (var i = 0; i < perWriter; i++)
            {
                last = i % 3 == 0 || last is null
                    ? await store.CreateAsync($"/w/{w}/{i}", Bytes.Of("v"))
                    : await store.UpdateAsync(last.Key, Bytes.Of($"v{i}"), last.ModRevision);
            }
        })).ToArray();

        // Start watchers at different moments and from different revisions while the writers run.
        var watchers = new List<Task<List<StoreEvent>>>();
        for (var n = 0; n < 6; n++)
        {
            var after = n % 2 == 0 ? 0 : store.CurrentRevision / 2;
            watchers.Add(Task.Run(async () =>
            {
                var seen = new List<StoreEvent>();
                seen.Add(new StoreEvent(StoreEventType.Put, new KeyValue("start", default, after, after), null));
                await foreach (var e in store.WatchAsync("/w/", after, cts.Token))
                {
                    seen.Add(e);
                    if (e.Revision == writers * perWriter)
                        break;
                }
                return seen;
            }));
            await Task.Delay(5);
        }

        await Task.WhenAll(writing).WaitAsync(Patience);
        var results = await Task.WhenAll(watchers).WaitAsync(Patience);

        foreach (var seen in results)
        {
            var after = seen[0].Revision;
            var revisions = seen.Skip(1).Select(e => e.Revision).ToArray();
            Assert.Equal(Enumerable.Range((int)after + 1, writers * perWriter - (int)after).Select(i => (long)i), revisions);
        }
        cts.Cancel();
    }

    [Fact]
    public async Task A_watch_from_a_future_revision_skips_until_it()
    {
        var store = await _temp.OpenAsync();
        await store.CreateAsync("/p/1", Bytes.Of("v"));
        using var cts = new CancellationTokenSource();
        await using var watch = store.WatchAsync("/p/", afterRevision: 3, cts.Token).GetAsyncEnumerator();
        var next = watch.MoveNextAsync().AsTask();
        await store.CreateAsync("/p/2", Bytes.Of("v"));
        await store.CreateAsync("/p/3", Bytes.Of("v"));
        await store.CreateAsync("/p/4", Bytes.Of("v"));
        Assert.True(await next.WaitAsync(Patience));
        Assert.Equal(4, watch.Current.Revision);
        cts.Cancel();
    }

    [Fact]
    public async Task A_consumer_that_falls_behind_is_ended_with_WatchOverflow_after_receiving_everything_buffered()
    {
        var store = await _temp.OpenAsync(new SqliteStoreOptions { WatchBufferSize = 8 });
        await store.CreateAsync("/p/0", Bytes.Of("v"));
        await using var watch = store.WatchAsync("/p/", afterRevision: 0).GetAsyncEnumerator();
        Assert.Equal(1, (await TakeAsync(watch, 1))[0].Revision);
        var pending = watch.MoveNextAsync().AsTask(); // now subscribed and waiting for live events

        for (var i = 1; i <= 40; i++)
            await store.CreateAsync($"/p/{i}", Bytes.Of("v"));

        Assert.True(await pending.WaitAsync(Patience));
        var received = new List<long> { watch.Current.Revision };
        var overflow = await Assert.ThrowsAsync<WatchOverflowException>(async () =>
        {
            while (await watch.MoveNextAsync())
                received.Add(watch.Current.Revision);
        });

        Assert.True(received.Count < 40);
        Assert.Equal(Enumerable.Range(2, received.Count).Select(i => (long)i), received);
        Assert.Equal(received[^1], overflow.LastRevision);

        // Resuming from the reported revision loses nothing.
        await using var resumed = store.WatchAsync("/p/", overflow.LastRevision).GetAsyncEnumerator();
        var rest = await TakeAsync(resumed, 41 - (int)overflow.LastRevision);
        Assert.Equal(Enumerable.Range((int)overflow.LastRevision + 1, rest.Count).Select(i => (long)i), rest.Select(e => e.Revision));
    }

    [Fact]
    public async Task Cancelling_ends_a_live_watch()
    {
        var store = await _temp.OpenAsync();
        using var cts = new CancellationTokenSource();
        await using var watch = store.WatchAsync("/p/", 0, cts.Token).GetAsyncEnumerator();
        var pending = watch.MoveNextAsync().AsTask();
        cts.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => pending.WaitAsync(Patience));
    }

    [Fact]
    public async Task Disposing_the_store_ends_live_watches_quietly()
    {
        var store = await _temp.OpenAsync();
        await using var watch = store.WatchAsync("/p/", 0).GetAsyncEnumerator();
        var pending = watch.MoveNextAsync().AsTask();
        await store.CreateAsync("/p/a", Bytes.Of("v"));
        Assert.True(await pending.WaitAsync(Patience));
        var next = watch.MoveNextAsync().AsTask();
        await store.DisposeAsync();
        Assert.False(await next.WaitAsync(Patience));
    }
}
