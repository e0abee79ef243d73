namespace KubeSharp.Storage.Tests;

public sealed class RangeTests : IAsyncLifetime
{
    private readonly TempStore _temp = new();
    private IStore _store = null!;

    public async Task InitializeAsync() => _store = await _temp.OpenAsync();

    public async Task DisposeAsync() => await _temp.DisposeAsync();

    private static string[] Keys(RangeResult result) => result.Items.Select(kv => kv.Key).ToArray();

    [Fact]
    public async Task Prefix_range_returns_only_keys_under_the_prefix_in_key_order()
    {
        foreach (var key in new[] { "/registry/pods/b", "/registry/podsx/a", "/registry/pods/a", "/registry/pod", "/registry/pods/c/d", "/registry/pods0" })
            await _store.CreateAsync(key, Bytes.Of(key));

        var result = await _store.RangeAsync("/registry/pods/");

        Assert.Equal(["/registry/pods/a", "/registry/pods/b", "/registry/pods/c/d"], Keys(result));
        Assert.False(result.More);
        Assert.Equal(_store.CurrentRevision, result.Revision);
        Assert.All(result.Items, kv => Assert.Equal(kv.Key, kv.Text()));
    }

    [Fact]
    public async Task Empty_prefix_ranges_over_everything()
    {
        await _store.CreateAsync("/b", Bytes.Of("1"));
        await _store.CreateAsync("/a", Bytes.Of("1"));
        await _store.CreateAsync("\u00e9", Bytes.Of("1"));
        Assert.Equal(["/a", "/b", "\u00e9"], Keys(await _store.RangeAsync("")));
    }

    [Fact]
    public async Task Non_ascii_prefixes_bound_the_range_correctly()
    {
        foreach (var key in new[] { "/\u00e9/a", "/\u00e9x", "/\u00ea", "/\uffff/a", "/\U0010FFFF/a", "/\U0010FFFFz", "/~" })
            await _store.CreateAsync(key, Bytes.Of("1"));
        Assert.Equal(["/\u00e9/a"], Keys(await _store.RangeAsync("/\u00e9/")));
        Assert.Equal(["/\uffff/a"], Keys(await _store.RangeAsync("/\uffff")));
        Assert.Equal(["/\U0010FFFF/a", "/\U0010FFFFz"], Keys(await _store.RangeAsync("/\U0010FFFF")));
    }

    [Fact]
    public async Task Paging_with_limit_and_startAfter_visits_every_key_once()
    {
        var keys = Enumerable.Range(0, 25).Select(i => $"/items/{i:D3}").ToArray();
        foreach (var key in keys.Reverse())
            await _store.CreateAsync(key, Bytes.Of("v"));
        await _store.CreateAsync("/other", Bytes.Of("v"));

        var seen = new List<string>();
        string? after = null;
        var pages = 0;
        while (true)
        {
            var page = await _store.RangeAsync("/items/", limit: 10, startAfter: after);
            pages++;
            seen.AddRange(Keys(page));
            Assert.True(page.Items.Count <= 10);
            if (!page.More)
                break;
            after = page.Items[^1].Key;
        }

        Assert.Equal(3, pages);
        Assert.Equal(keys, seen);
    }

    [Fact]
    public async Task Limit_equal_to_the_number_of_keys_reports_no_more()
    {
        await _store.CreateAsync("/p/a", Bytes.Of("v"));
        await _store.CreateAsync("/p/b", Bytes.Of("v"));
        var page = await _store.RangeAsync("/p/", limit: 2);
        Assert.Equal(2, page.Items.Count);
        Assert.False(page.More);
        var smaller = await _store.RangeAsync("/p/", limit: 1);
        Assert.True(smaller.More);
    }

    [Fact]
    public async Task Deleted_keys_are_not_listed()
    {
        await _store.CreateAsync("/p/a", Bytes.Of("v"));
        await _store.CreateAsync("/p/b", Bytes.Of("v"));
        await _store.DeleteAsync("/p/a");
        Assert.Equal(["/p/b"], Keys(await _store.RangeAsync("/p/")));
    }

    [Fact]
    public async Task A_past_revision_returns_the_state_as_of_that_revision()
    {
        var a1 = await _store.CreateAsync("/p/a", Bytes.Of("a1"));         // 1
        var b1 = await _store.CreateAsync("/p/b", Bytes.Of("b1"));         // 2
        await _store.UpdateAsync("/p/a", Bytes.Of("a2"), a1.ModRevision);  // 3
        await _store.DeleteAsync("/p/b", b1.ModRevision);                  // 4
        await _store.CreateAsync("/p/c", Bytes.Of("c1"));                  // 5

        var at2 = await _store.RangeAsync("/p/", revision: 2);
        Assert.Equal(2, at2.Revision);
        Assert.Equal(["a1", "b1"], at2.Items.Select(kv => kv.Text()));
        Assert.Equal([1L, 2L], at2.Items.Select(kv => kv.ModRevision));

        var at3 = await _store.RangeAsync("/p/", revision: 3);
        Assert.Equal(["a2", "b1"], at3.Items.Select(kv => kv.Text()));
        Assert.Equal(1, at3.Items[0].CreateRevision);
        Assert.Equal(3, at3.Items[0].ModRevision);

        var at4 = await _store.RangeAsync("/p/", revision: 4);
        Assert.Equal(["/p/a"], Keys(at4));

        var newest = await _store.RangeAsync("/p/");
        Assert.Equal(5, newest.Revision);
        Assert.Equal(["a2", "c1"], newest.Items.Select(kv => kv.Text()));
    }

    [Fact]
    public async Task Historical_paging_is_consistent_while_writes_continue()
    {
        for (var i = 0; i < 6; i++)
            await _store.CreateAsync($"/p/{i}", Bytes.Of("old"));
        var first = await _store.RangeAsync("/p/", limit: 3);
        await _store.CreateAsync("/p/44", Bytes.Of("new"));
        await _store.UpdateAsync("/p/5", Bytes.Of("new"), 6);

        var second = await _store.RangeAsync("/p/", revision: first.Revision, limit: 3, startAfter: first.Items[^1].Key);
        Assert.Equal(["/p/3", "/p/4", "/p/5"], Keys(second));
        Assert.All(second.Items, kv => Assert.Equal("old", kv.Text()));
    }

    [Fact]
    public async Task A_future_revision_is_rejected()
    {
        await _store.CreateAsync("/a", Bytes.Of("v"));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => _store.RangeAsync("/", revision: 2));
    }

    [Fact]
    public async Task An_empty_store_ranges_to_nothing_at_revision_zero()
    {
        var result = await _store.RangeAsync("/");
        Assert.Empty(result.Items);
        Assert.Equal(0, result.Revision);
    }
}
