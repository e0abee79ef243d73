namespace KubeSharp.Storage.Tests;

public sealed class CrudTests : IAsyncLifetime
{
    private readonly TempStore _temp = new();
    private IStore _store = null!;

    public async Task InitializeAsync() => _store = await _temp.OpenAsync();

    public async Task DisposeAsync() => await _temp.DisposeAsync();

    [Fact]
    public async Task Create_assigns_the_next_revision_as_create_and_mod_revision()
    {
        Assert.Equal(0, _store.CurrentRevision);
        var a = await _store.CreateAsync("/a", Bytes.Of("1"));
        var b = await _store.CreateAsync("/b", Bytes.Of("2"));

        Assert.Equal((1L, 1L), (a.CreateRevision, a.ModRevision));
        Assert.Equal((2L, 2L), (b.CreateRevision, b.ModRevision));
        Assert.Equal(2, _store.CurrentRevision);
        var got = await _store.GetAsync("/b");
        Assert.NotNull(got);
        Assert.Equal("2", got.Text());
        Assert.Equal(2, got.ModRevision);
    }

    [Fact]
    public async Task Create_of_an_existing_key_throws_KeyExists()
    {
        await _store.CreateAsync("/a", Bytes.Of("1"));
        var error = await Assert.ThrowsAsync<KeyExistsException>(() => _store.CreateAsync("/a", Bytes.Of("2")));
        Assert.Equal("/a", error.Key);
        Assert.Equal(1, _store.CurrentRevision);
    }

    [Fact]
    public async Task Update_with_the_current_mod_revision_succeeds_and_keeps_create_revision()
    {
        await _store.CreateAsync("/other", Bytes.Of("x"));
        var created = await _store.CreateAsync("/a", Bytes.Of("1"));
        var updated = await _store.UpdateAsync("/a", Bytes.Of("2"), created.ModRevision);

        Assert.Equal(created.CreateRevision, updated.CreateRevision);
        Assert.Equal(3, updated.ModRevision);
        Assert.Equal("2", (await _store.GetAsync("/a"))!.Text());
    }

    [Fact]
    public async Task Update_with_a_stale_mod_revision_throws_Conflict_carrying_the_current_value()
    {
        var created = await _store.CreateAsync("/a", Bytes.Of("1"));
        await _store.UpdateAsync("/a", Bytes.Of("2"), created.ModRevision);

        var error = await Assert.ThrowsAsync<ConflictException>(() => _store.UpdateAsync("/a", Bytes.Of("3"), created.ModRevision));
        Assert.NotNull(error.Current);
        Assert.Equal("2", error.Current.Text());
        Assert.Equal(2, error.Current.ModRevision);
        Assert.Equal(2, _store.CurrentRevision);
    }

    [Fact]
    public async Task Update_of_a_missing_or_deleted_key_throws_KeyNotFound()
    {
        await Assert.ThrowsAsync<KeyNotFoundException>(() => _store.UpdateAsync("/nope", Bytes.Of("1"), 1));
        var created = await _store.CreateAsync("/a", Bytes.Of("1"));
        await _store.DeleteAsync("/a");
        await Assert.ThrowsAsync<KeyNotFoundException>(() => _store.UpdateAsync("/a", Bytes.Of("2"), created.ModRevision));
    }

    [Fact]
    public async Task Delete_returns_the_deleted_value_at_the_delete_revision()
    {
        var created = await _store.CreateAsync("/a", Bytes.Of("1"));
        var deleted = await _store.DeleteAsync("/a", created.ModRevision);

        Assert.Equal("1", deleted.Text());
        Assert.Equal(created.CreateRevision, deleted.CreateRevision);
        Assert.Equal(2, deleted.ModRevision);
        Assert.Equal(2, _store.CurrentRevision);
        Assert.Null(await _store.GetAsync("/a"));
    }

    [Fact]
    public async Task Delete_with_a_stale_revision_conflicts_and_of_a_missing_key_throws_KeyNotFound()
    {
        var created = await _store.CreateAsync("/a", Bytes.Of("1"));
        var updated = await _store.UpdateAsync("/a", Bytes.Of("2"), created.ModRevision);

        var conflict = await Assert.ThrowsAsync<ConflictException>(() => _store.DeleteAsync("/a", created.ModRevision));
        Assert.Equal(updated.ModRevision, conflict.Current!.ModRevision);
        await Assert.ThrowsAsync<KeyNotFoundException>(() => _store.DeleteAsync("/missing"));

        await _store.DeleteAsync("/a"); // unconditional
        await Assert.ThrowsAsync<KeyNotFoundException>(() => _store.DeleteAsync("/a"));
    }

    [Fact]
    public async Task A_key_can_be_created_again_after_delete_with_a_new_create_revision()
    {
        await _store.CreateAsync("/a", Bytes.Of("1"));
        await _store.DeleteAsync("/a");
        var again = await _store.CreateAsync("/a", Bytes.Of("new"));
        Assert.Equal((3L, 3L), (again.CreateRevision, again.ModRevision));
        await _store.DeleteAsync("/a");
        var third = await _store.CreateAsync("/a", Bytes.Of("newer"));
        Assert.Equal(5, third.CreateRevision);
        Assert.Equal("newer", (await _store.GetAsync("/a"))!.Text());
    }

    [Fact]
    public async Task Empty_values_round_trip()
    {
        await _store.CreateAsync("/empty", ReadOnlyMemory<byte>.Empty);
        var got = await _store.GetAsync("/empty");
        Assert.NotNull(got);
        Assert.Equal(0, got.Value.Length);
    }

    [Fact]
    public async Task The_caller_buffer_is_copied()
    {
        var buffer = "abc"u8.ToArray();
        var created = await _store.CreateAsync("/a", buffer);
        buffer[0] = (byte)'z';
        Assert.Equal("abc", created.Text());
        Assert.Equal("abc", (await _store.GetAsync("/a"))!.Text());
    }

    [Fact]
    public async Task Concurrent_creates_of_one_key_let_exactly_one_win()
    {
        var attempts = Enumerable.Range(0, 16).Select(i => Task.Run(async () =>
        {
            try
            {
                await _store.CreateAsync("/race", Bytes.Of(i.ToString()));
                return true;
            }
            catch (KeyExistsException)
            {
                return false;
            }
        })).ToArray();
        var results = await Task.WhenAll(attempts);
        Assert.Single(results, won => won);
        Assert.Equal(1, _store.CurrentRevision);
    }

    [Fact]
    public async Task Concurrent_updates_from_one_revision_let_exactly_one_win()
    {
        var created = await _store.CreateAsync("/race", Bytes.Of("0"));
        var attempts = Enumerable.Range(0, 16).Select(i => Task.Run(async () =>
        {
            try
            {
                await _store.UpdateAsync("/race", Bytes.Of(i.ToString()), created.ModRevision);
                return true;
            }
            catch (ConflictException)
            {
                return false;
            }
        })).ToArray();
        var results = await Task.WhenAll(attempts);
        Assert.Single(results, won => won);
        Assert.Equal(2, _store.CurrentRevision);
    }

    [Fact]
    public async Task Many_concurrent_writers_get_distinct_increasing_revisions()
    {
        var writes = Enumerable.Range(0, 8).Select(w => Task.Run(async () =>
        {
            var revisions = new List<long>();
            for (var i = 0; i < 100; i++)
                revisions.Add((await _store.CreateAsync($"/w{w}/{i}", Bytes.Of("v"))).ModRevision);
            return revisions;
        })).ToArray();
        var all = (await Task.WhenAll(writes)).ToList();

        foreach (var perWriter in all)
            Assert.Equal(perWriter.Order(), perWriter); // a caller's writes land in its own order
        Assert.Equal(Enumerable.Range(1, 800).Select(i => (long)i), all.SelectMany(r => r).Order());
        Assert.Equal(800, _store.CurrentRevision);
    }

    [Fact]
    public async Task Writes_after_dispose_throw_ObjectDisposed()
    {
        await _store.DisposeAsync();
        await Assert.ThrowsAsync<ObjectDisposedException>(() => _store.CreateAsync("/a", Bytes.Of("1")));
        await Assert.ThrowsAsync<ObjectDisposedException>(() => _store.GetAsync("/a"));
    }
}
