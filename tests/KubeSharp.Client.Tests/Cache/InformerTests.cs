using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using KubeSharp.Api.Resources;
using KubeSharp.Api.Selectors;
using KubeSharp.Client.Cache;
using KubeSharp.Client.Tests.Fakes;
using KubeSharp.Testing;
using static KubeSharp.Client.Tests.Fakes.Objects;

namespace KubeSharp.Client.Tests.Cache;

public sealed class InformerTests : IAsyncLifetime
{
    readonly FakeApiClient _api = new();
    readonly ManualTimeProvider _time = new();
    readonly CancellationTokenSource _stop = new();
    readonly ConcurrentQueue<string> _seen = new();
    Task _running = Task.CompletedTask;

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        await _stop.CancelAsync();
        await _running.WaitAsync(TimeSpan.FromSeconds(5));
    }

    Informer Start(InformerOptions? options = null)
    {
        var informer = new Informer(_api, Pods, _time, options);
        informer.AddEventHandler(
            onAdd: o => _seen.Enqueue($"add {JsonMeta.Name(o)}@{JsonMeta.ResourceVersion(o)}"),
            onUpdate: (o, n) => _seen.Enqueue($"update {JsonMeta.Name(n)} {JsonMeta.ResourceVersion(o)}->{JsonMeta.ResourceVersion(n)}"),
            onDelete: o => _seen.Enqueue($"delete {JsonMeta.Name(o)}"));
        _running = informer.RunAsync(_stop.Token);
        return informer;
    }

    async Task<string> Create(JsonObject obj) => JsonMeta.ResourceVersion(await _api.CreateAsync(Pods, JsonMeta.Namespace(obj), obj))!;

    async Task<string> Relabel(string ns, string name, string value)
    {
        var current = _api.Stored(Pods, ns, name)!;
        current["metadata"]!["labels"] = new JsonObject { ["v"] = value };
        return JsonMeta.ResourceVersion(await _api.UpdateAsync(Pods, ns, current))!;
    }

    [Fact]
    public async Task Lists_then_watches_from_the_list_revision_and_reports_changes_in_order()
    {
        var rvA = await Create(Pod("ns", "a"));
        var rvB = await Create(Pod("ns", "b"));
        var informer = Start();

        await informer.WaitForSyncAsync().WaitAsync(TimeSpan.FromSeconds(5));
        Assert.True(informer.HasSynced);
        Assert.Equal(2, informer.Lister.List().Count);
        var listRv = _api.Revision.ToString();
        await Eventually.Until(() => _api.ActiveWatches == 1);
        var watch = _api.Calls.Single(c => c.Verb == "watch");
        Assert.Equal(listRv, watch.Options!.ResourceVersion);
        Assert.True(watch.Options.AllowWatchBookmarks);

        var rvC = await Create(Pod("ns", "c"));
        var rvA2 = await Relabel("ns", "a", "2");
        await _api.DeleteAsync(Pods, "ns", "b");
        await Eventually.Until(() => _seen.Count == 5);

        Assert.Equal([$"add a@{rvA}", $"add b@{rvB}", $"add c@{rvC}", $"update a {rvA}->{rvA2}", "delete b"], _seen.ToArray());
        Assert.Null(informer.Lister.Get("ns", "b"));
        Assert.Equal(rvA2, JsonMeta.ResourceVersion(informer.Lister.Get("ns", "a")!));
        Assert.Single(_api.Calls, c => c.Verb == "list");
    }

    [Fact]
    public async Task Rewatches_from_the_last_seen_revision_when_a_watch_ends()
    {
        await Create(Pod("ns", "a"));
        var informer = Start();
        await informer.WaitForSyncAsync().WaitAsync(TimeSpan.FromSeconds(5));
        await Eventually.Until(() => _api.ActiveWatches == 1);
        var rvB = await Create(Pod("ns", "b"));
        await Eventually.Until(() => informer.Lister.Get("ns", "b") is not null);

        _api.HoldWatches();
        var rvC = await Create(Pod("ns", "c")); // happens while no watch is open
        _api.ResumeWatches();

        await Eventually.Until(() => informer.Lister.Get("ns", "c") is not null, _time);
        var watches = _api.Calls.Where(c => c.Verb == "watch").ToList();
        Assert.True(watches.Count >= 2);
        Assert.Equal(rvB, watches[1].Options!.ResourceVersion);
        Assert.Single(_api.Calls, c => c.Verb == "list");
        await Eventually.Until(() => _seen.Contains($"add c@{rvC}")); // handlers run just after the cache changes
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Relists_on_410_and_synthesises_the_differences(bool goneAsException)
    {
        _api.GoneAsException = goneAsException;
        var rvKeep = await Create(Pod("ns", "keep"));
        await Create(Pod("ns", "change"));
        await Create(Pod("ns", "vanish"));
        var informer = Start();
        await informer.WaitForSyncAsync().WaitAsync(TimeSpan.FromSeconds(5));
        await Eventually.Until(() => _api.ActiveWatches == 1);
        var before = _seen.Count;

        _api.HoldWatches();
        var rvChanged = await Relabel("ns", "change", "x");
        await _api.DeleteAsync(Pods, "ns", "vanish");
        var rvNew = await Create(Pod("ns", "new"));
        _api.Compact();
        _api.ResumeWatches();

        await Eventually.Until(() => _api.Calls.Count(c => c.Verb == "list") == 2 && _seen.Count == before + 3, _time);
        var relist = _seen.Skip(before).ToList();
        Assert.Contains("delete vanish", relist);
        Assert.Contains($"add new@{rvNew}", relist);
        Assert.Single(relist, s => s.StartsWith("update change ", StringComparison.Ordinal) && s.EndsWith("->" + rvChanged, StringComparison.Ordinal));
        Assert.DoesNotContain(relist, s => s.Contains("keep", StringComparison.Ordinal));
        Assert.Equal(rvKeep, JsonMeta.ResourceVersion(informer.Lister.Get("ns", "keep")!));
        Assert.Equal(["change", "keep", "new"], informer.Lister.List("ns").Select(o => JsonMeta.Name(o)!).Order());

        // And it watches again from the relist's revision.
        await Eventually.Until(() => _api.ActiveWatches == 1, _time);
        var rvLater = await Create(Pod("ns", "later"));
        await Eventually.Until(() => _seen.Contains($"add later@{rvLater}"));
    }

    [Fact]
    public async Task An_error_event_with_410_mid_watch_also_relists()
    {
        await Create(Pod("ns", "a"));
        var informer = Start();
        await informer.WaitForSyncAsync().WaitAsync(TimeSpan.FromSeconds(5));
        await Eventually.Until(() => _api.ActiveWatches == 1);

        _api.ExpireWatches();

        await Eventually.Until(() => _api.Calls.Count(c => c.Verb == "list") == 2, _time);
    }

    [Fact]
    public async Task Bookmarks_advance_the_resource_version_without_events()
    {
        await Create(Pod("ns", "a"));
        var informer = Start();
        await informer.WaitForSyncAsync().WaitAsync(TimeSpan.FromSeconds(5));
        await Eventually.Until(() => _api.ActiveWatches == 1);
        var count = _seen.Count;
        await _api.CreateAsync(Objects.Pods with { Resource = "other" }, "ns", Pod("ns", "unrelated")); // bumps the global revision only

        _api.SendBookmark(Pods);

        await Eventually.Until(() => informer.LastSyncResourceVersion == _api.Revision.ToString());
        Assert.Equal(count, _seen.Count);
    }

    [Fact]
    public async Task Indexers_follow_updates_and_deletes()
    {
        await Create(Pod("ns", "a", node: "n1"));
        await Create(Pod("ns", "b", node: "n1"));
        await Create(Pod("ns", "c", node: "n2"));
        await Create(Pod("ns", "d"));
        var informer = new Informer(_api, Pods, _time);
        informer.AddIndexer("byNode", Node);
        _running = informer.RunAsync(_stop.Token);
        await informer.WaitForSyncAsync().WaitAsync(TimeSpan.FromSeconds(5));
        await Eventually.Until(() => _api.ActiveWatches == 1);

        Assert.Equal(["a", "b"], informer.ByIndex("byNode", "n1").Select(o => JsonMeta.Name(o)!).Order());
        Assert.Equal(["c"], informer.ByIndex("byNode", "n2").Select(o => JsonMeta.Name(o)!));

        var a = _api.Stored(Pods, "ns", "a")!;
        a["spec"]!["nodeName"] = "n2";
        await _api.UpdateAsync(Pods, "ns", a);
        await _api.DeleteAsync(Pods, "ns", "c");

        await Eventually.Until(() => informer.ByIndex("byNode", "n2").Select(o => JsonMeta.Name(o)).SequenceEqual(["a"]));
        Assert.Equal(["b"], informer.ByIndex("byNode", "n1").Select(o => JsonMeta.Name(o)!));

        // An index added late is built from what is cached.
        informer.AddIndexer("byName", o => JsonMeta.Name(o));
        Assert.Single(informer.ByIndex("byName", "d"));
    }

    [Fact]
    public async Task Lister_filters_by_namespace_and_label_selector()
    {
        await Create(Pod("ns1", "a", labels: new() { ["app"] = "web" }));
        await Create(Pod("ns1", "b", labels: new() { ["app"] = "db" }));
        await Create(Pod("ns2", "c", labels: new() { ["app"] = "web" }));
        var informer = Start();
        await informer.WaitForSyncAsync().WaitAsync(TimeSpan.FromSeconds(5));

        Assert.Equal(3, informer.Lister.List().Count);
        Assert.Equal(2, informer.Lister.List("ns1").Count);
        Assert.Equal(["a", "c"], informer.Lister.List(null, LabelSelector.Parse("app=web")).Select(o => JsonMeta.Name(o)!).Order());
        Assert.Equal(["a"], informer.Lister.List("ns1", LabelSelector.Parse("app in (web)")).Select(o => JsonMeta.Name(o)!));
        Assert.Empty(informer.Lister.List("ns3"));
    }

    [Fact]
    public async Task A_handler_added_after_sync_first_gets_every_cached_object()
    {
        await Create(Pod("ns", "a"));
        await Create(Pod("ns", "b"));
        var informer = Start();
        await informer.WaitForSyncAsync().WaitAsync(TimeSpan.FromSeconds(5));
        await Eventually.Until(() => _api.ActiveWatches == 1);

        var late = new ConcurrentQueue<string>();
        using var registration = informer.AddEventHandler(onAdd: o => late.Enqueue(JsonMeta.Name(o)!), onDelete: o => late.Enqueue("-" + JsonMeta.Name(o)));
        await _api.DeleteAsync(Pods, "ns", "a");

        await Eventually.Until(() => late.Count == 3);
        Assert.Equal(["a", "b"], late.Take(2).Order());
        Assert.Equal("-a", late.Last());
    }

    [Fact]
    public async Task Resync_redelivers_cached_objects_as_updates()
    {
        await Create(Pod("ns", "a"));
        var informer = Start(new InformerOptions { ResyncPeriod = TimeSpan.FromSeconds(30) });
        await informer.WaitForSyncAsync().WaitAsync(TimeSpan.FromSeconds(5));
        var rv = JsonMeta.ResourceVersion(informer.Lister.Get("ns", "a")!);

        await Eventually.Until(() => _seen.Contains($"update a {rv}->{rv}"), _time, TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task Handlers_that_throw_do_not_stop_delivery()
    {
        await Create(Pod("ns", "a"));
        var informer = new Informer(_api, Pods, _time);
        informer.AddEventHandler(onAdd: _ => throw new InvalidOperationException("boom"));
        var seen = new ConcurrentQueue<string>();
        informer.AddEventHandler(onAdd: o => seen.Enqueue(JsonMeta.Name(o)!));
        _running = informer.RunAsync(_stop.Token);
        await informer.WaitForSyncAsync().WaitAsync(TimeSpan.FromSeconds(5));
        await Create(Pod("ns", "b"));
        await Eventually.Until(() => seen.Count == 2);
    }

    [Fact]
    public async Task Cancellation_stops_the_informer_and_its_watch()
    {
        await Create(Pod("ns", "a"));
        var informer = Start();
        await informer.WaitForSyncAsync().WaitAsync(TimeSpan.FromSeconds(5));
        await Eventually.Until(() => _api.ActiveWatches == 1);

        await _stop.CancelAsync();

        await _running.WaitAsync(TimeSpan.FromSeconds(5));
        Assert.Equal(0, _api.ActiveWatches);
        await Assert.ThrowsAsync<InvalidOperationException>(() => informer.RunAsync(CancellationToken.None));
    }

    [Fact]
    public async Task Factory_shares_one_informer_per_resource()
    {
        await Create(Pod("ns", "a"));
        await using var factory = new SharedInformerFactory(_api, _time);
        var first = factory.InformerFor(Pods);
        Assert.Same(first, factory.InformerFor(Pods));
        factory.Start(_stop.Token);
        factory.Start(_stop.Token);

        await factory.WaitForCacheSyncAsync().WaitAsync(TimeSpan.FromSeconds(5));
        Assert.NotNull(first.Lister.Get("ns", "a"));
        Assert.Single(_api.Calls, c => c.Verb == "list");
    }
}
