using KubeSharp.Storage.Sqlite;

namespace KubeSharp.Storage.Tests;

public sealed class DurabilityTests : IAsyncLifetime
{
    private readonly TempStore _temp = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _temp.DisposeAsync();

    [Fact]
    public async Task Data_and_revision_survive_reopening()
    {
        var store = await _temp.OpenAsync();
        var a = await store.CreateAsync("/a", Bytes.Of("1"));
        await store.UpdateAsync("/a", Bytes.Of("2"), a.ModRevision);
        await store.CreateAsync("/b", Bytes.Of("3"));
        await store.DisposeAsync();

        var reopened = await _temp.OpenAsync();
        Assert.Equal(3, reopened.CurrentRevision);
        Assert.Equal("2", (await reopened.GetAsync("/a"))!.Text());
        Assert.Equal(["1"], (await reopened.RangeAsync("/", revision: 1)).Items.Select(kv => kv.Text()));
        Assert.Equal(["2", "3"], (await reopened.RangeAsync("/")).Items.Select(kv => kv.Text()));
        Assert.Equal(4, (await reopened.CreateAsync("/c", Bytes.Of("4"))).ModRevision);
    }

    /// <summary>
    /// After kill -9 the disk holds exactly what the process had written to its files (the kernel keeps it),
    /// with no clean close and no checkpoint. Copying the files while the store is still open reproduces that.
    /// </summary>
    [Fact]
    public async Task An_acknowledged_write_survives_the_process_dying_without_closing()
    {
        var store = await _temp.OpenAsync(new SqliteStoreOptions { CheckpointInterval = TimeSpan.Zero });
        for (var i = 0; i < 50; i++)
            await store.CreateAsync($"/k/{i}", Bytes.Of($"v{i}"));
        var last = await store.UpdateAsync("/k/7", Bytes.Of("acknowledged"), 8);
        Assert.True(new FileInfo(_temp.DatabasePath + "-wal").Length > 0, "the writes should still be in the WAL");

        var crashDirectory = Path.Combine(_temp.Directory, "crashed");
        Directory.CreateDirectory(crashDirectory);
        var crashed = Path.Combine(crashDirectory, "state.db");
        File.Copy(_temp.DatabasePath, crashed);
        File.Copy(_temp.DatabasePath + "-wal", crashed + "-wal");

        var recovered = await _temp.OpenAsync(path: crashed);
        Assert.Equal(last.ModRevision, recovered.CurrentRevision);
        Assert.Equal("acknowledged", (await recovered.GetAsync("/k/7"))!.Text());
        Assert.Equal(50, (await recovered.RangeAsync("/k/")).Items.Count);
    }

    [Fact]
    public async Task Dispose_finishes_writes_queued_before_it()
    {
        var store = await _temp.OpenAsync();
        var writes = Enumerable.Range(0, 200).Select(i => store.CreateAsync($"/k/{i}", Bytes.Of("v"))).ToArray();
        await store.DisposeAsync();
        await Task.WhenAll(writes);

        var reopened = await _temp.OpenAsync();
        Assert.Equal(200, reopened.CurrentRevision);
        Assert.Equal(200, (await reopened.RangeAsync("/k/")).Items.Count);
    }
}
