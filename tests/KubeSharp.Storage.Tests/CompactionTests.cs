using KubeSharp.Storage.Sqlite;
using Microsoft.Data.Sqlite;
using KubeSharp.Testing;

namespace KubeSharp.Storage.Tests;

public sealed class CompactionTests : IAsyncLifetime
{
    private readonly TempStore _temp = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _temp.DisposeAsync();

    private long LogRows()
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = _temp.DatabasePath, Mode = SqliteOpenMode.ReadOnly, Pooling = false,
        }.ToString());
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM log";
        return (long)command.ExecuteScalar()!;
    }

    /// <summary>a: 1 create, 3 update, 5 update; b: 2 create, 4 delete; c: 6 create.</summary>
    private static async Task WriteHistoryAsync(IStore store)
    {
        var a = await store.CreateAsync("/p/a", Bytes.Of("a1"));
        await store.CreateAsync("/p/b", Bytes.Of("b1"));
        a = await store.UpdateAsync("/p/a", Bytes.Of("a2"), a.ModRevision);
        await store.DeleteAsync("/p/b");
        await store.UpdateAsync("/p/a", Bytes.Of("a3"), a.ModRevision);
        await store.CreateAsync("/p/c", Bytes.Of("c1"));
    }

    [Fact]
    public async Task Compaction_drops_superseded_rows_and_tombstones_but_keeps_the_newest_values()
    {
        var store = await _temp.OpenAsync();
        await WriteHistoryAsync(store);
        Assert.Equal(6, LogRows());

        await store.CompactAsync(4);

        Assert.Equal(4, store.CompactedRevision);
        Assert.Equal(6, store.CurrentRevision);
        // Gone: a@1 (replaced by 3), b@2 and its tombstone @4. Kept: a@3 (its replacement is above 4), a@5, c@6.
        Assert.Equal(3, LogRows());
        var newest = await store.RangeAsync("/p/");
        Assert.Equal(["a3", "c1"], newest.Items.Select(kv => kv.Text()));
        Assert.Equal(1, newest.Items[0].CreateRevision);
    }

    [Fact]
    public async Task Reads_below_the_compacted_revision_fail_and_at_or_above_it_still_work()
    {
        var store = await _temp.OpenAsync();
        await WriteHistoryAsync(store);
        await store.CompactAsync(4);

        var error = await Assert.ThrowsAsync<CompactedException>(() => store.RangeAsync("/p/", revision: 3));
        Assert.Equal((3L, 4L), (error.Requested, error.Compacted));

        var at4 = await store.RangeAsync("/p/", revision: 4);
        Assert.Equal(["a2"], at4.Items.Select(kv => kv.Text()));
        var at5 = await store.RangeAsync("/p/", revision: 5);
        Assert.Equal(["a3"], at5.Items.Select(kv => kv.Text()));
    }

    [Fact]
    public async Task Watching_from_below_the_compacted_revision_fails_and_from_it_replays_the_rest()
    {
        var store = await _temp.OpenAsync();
        await WriteHistoryAsync(store);
        await store.CompactAsync(4);

        await Assert.ThrowsAsync<CompactedException>(async () =>
        {
            await foreach (var _ in store.WatchAsync("/p/", afterRevision: 3))
                break;
        });

        using var cts = new CancellationTokenSource();
        var events = new List<StoreEvent>();
        await foreach (var e in store.WatchAsync("/p/", afterRevision: 4, cts.Token))
        {
            events.Add(e);
            if (events.Count == 2)
                break;
        }
        Assert.Equal([5L, 6L], events.Select(e => e.Revision));
        Assert.Equal("a2", events[0].PrevKv!.Text()); // the replaced row survives while its replacement is above the mark
        Assert.Null(events[1].PrevKv);
    }

    [Fact]
    public async Task Compaction_in_small_steps_gives_the_same_result()
    {
        var store = await _temp.OpenAsync(new SqliteStoreOptions { CompactBatchRevisions = 2 });
        for (var i = 0; i < 10; i++)
            await store.CreateAsync($"/k/{i}", Bytes.Of("0"));
        var rng = new Random(7);
        for (var round = 0; round < 60; round++)
        {
            var key = $"/k/{rng.Next(10)}";
            var current = await store.GetAsync(key);
            if (current is null)
                await store.CreateAsync(key, Bytes.Of(round.ToString()));
            else if (round % 4 == 0)
                await store.DeleteAsync(key, current.ModRevision);
            else
                await store.UpdateAsync(key, Bytes.Of(round.ToString()), current.ModRevision);
        }
        var target = store.CurrentRevision - 5;
        var before = await store.RangeAsync("/k/", revision: target);
        var newestBefore = await store.RangeAsync("/k/");

        await store.CompactAsync(target);

        Assert.Equal(target, store.CompactedRevision);
        Assert.Equal(Describe(before), Describe(await store.RangeAsync("/k/", revision: target)));
        Assert.Equal(Describe(newestBefore), Describe(await store.RangeAsync("/k/")));
        Assert.True(LogRows() <= 10 + 5);

        static string Describe(RangeResult r) => string.Join(",", r.Items.Select(kv => $"{kv.Key}={kv.Text()}@{kv.CreateRevision}/{kv.ModRevision}"));
    }

    [Fact]
    public async Task Compacting_a_future_revision_is_rejected_and_an_older_one_is_a_no_op()
    {
        var store = await _temp.OpenAsync();
        await WriteHistoryAsync(store);
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => store.CompactAsync(7));
        await store.CompactAsync(4);
        await store.CompactAsync(2);
        Assert.Equal(4, store.CompactedRevision);
    }

    [Fact]
    public async Task Revisions_keep_increasing_after_the_newest_row_was_compacted_away_and_the_store_reopened()
    {
        var store = await _temp.OpenAsync();
        await store.CreateAsync("/a", Bytes.Of("1"));
        await store.DeleteAsync("/a"); // revision 2: a tombstone, the newest row
        await store.CompactAsync(2);
        Assert.Equal(0, LogRows());
        await store.DisposeAsync();

        var reopened = await _temp.OpenAsync();
        Assert.Equal(2, reopened.CurrentRevision);
        Assert.Equal(2, reopened.CompactedRevision);
        var created = await reopened.CreateAsync("/a", Bytes.Of("2"));
        Assert.Equal(3, created.ModRevision);
        await Assert.ThrowsAsync<CompactedException>(() => reopened.RangeAsync("/", revision: 1));
    }

    [Fact]
    public async Task The_compactor_keeps_the_configured_number_of_revisions()
    {
        var store = await _temp.OpenAsync();
        for (var i = 0; i < 30; i++)
            await store.CreateAsync($"/k/{i}", Bytes.Of("v"));
        await using var compactor = new StoreCompactor(store, new StoreCompactorOptions { RetainedRevisions = 10 });

        Assert.Equal(20, await compactor.CompactOnceAsync());
        Assert.Equal(20, store.CompactedRevision);
        Assert.Null(await compactor.CompactOnceAsync()); // nothing new to discard
    }

    [Fact]
    public async Task The_compactor_runs_every_interval_of_the_injected_clock()
    {
        var clock = new ManualTimeProvider();
        var store = await _temp.OpenAsync(new SqliteStoreOptions { CheckpointInterval = TimeSpan.Zero });
        for (var i = 0; i < 30; i++)
            await store.CreateAsync($"/k/{i}", Bytes.Of("v"));
        var errors = new List<Exception>();
        await using var compactor = new StoreCompactor(store,
            new StoreCompactorOptions { Interval = TimeSpan.FromMinutes(5), RetainedRevisions = 10, OnError = errors.Add }, clock);
        compactor.Start();

        await Eventually.TrueAsync(() => clock.ActiveTimers == 1, "the compactor to wait for its interval");
        clock.Advance(TimeSpan.FromMinutes(4));
        Assert.Equal(0, store.CompactedRevision);
        clock.Advance(TimeSpan.FromMinutes(1));
        await Eventually.TrueAsync(() => store.CompactedRevision == 20, "the first compaction");

        for (var i = 30; i < 35; i++)
            await store.CreateAsync($"/k/{i}", Bytes.Of("v"));
        await Eventually.TrueAsync(() => clock.ActiveTimers == 1, "the compactor to wait again");
        clock.Advance(TimeSpan.FromMinutes(5));
        await Eventually.TrueAsync(() => store.CompactedRevision == 25, "the second compaction");
        Assert.Empty(errors);
    }

    [Fact]
    public async Task The_store_truncates_the_wal_on_its_checkpoint_interval()
    {
        var clock = new ManualTimeProvider();
        var store = await _temp.OpenAsync(new SqliteStoreOptions { CheckpointInterval = TimeSpan.FromMinutes(1) }, clock);
        for (var i = 0; i < 20; i++)
            await store.CreateAsync($"/k/{i}", Bytes.Of("v"));
        await store.GetAsync("/k/1"); // a reader connection is open too
        var wal = new FileInfo(_temp.DatabasePath + "-wal");
        Assert.True(wal.Length > 0);

        clock.Advance(TimeSpan.FromMinutes(1));
        await Eventually.TrueAsync(() => { wal.Refresh(); return wal.Length == 0; }, "the WAL to be truncated");
        Assert.Equal(20, (await store.RangeAsync("/k/")).Items.Count);
    }
}
