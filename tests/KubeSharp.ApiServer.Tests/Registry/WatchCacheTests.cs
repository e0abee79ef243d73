using System.Text.Json.Nodes;
using KubeSharp.Api.Errors;
using KubeSharp.Api.Resources;
using KubeSharp.ApiServer.Registry;

namespace KubeSharp.ApiServer.Tests.Registry;

public sealed class WatchCacheTests
{
    const string Prefix = "/registry/core/configmaps/";

    static CachedObject Cm(string ns, string name, long rev, string? label = null)
    {
        var obj = new JsonObject { ["kind"] = "ConfigMap", ["metadata"] = new JsonObject { ["name"] = name, ["namespace"] = ns } };
        if (label is not null) ((JsonObject)obj["metadata"]!)["labels"] = new JsonObject { ["app"] = label };
        JsonMeta.SetResourceVersion(obj, rev);
        return new CachedObject($"{Prefix}{ns}/{name}", rev, obj);
    }

    [Fact]
    public void SnapshotListsInKeyOrderWithinAPrefixAndPages()
    {
        var cache = new WatchCache(Prefix);
        cache.Reset([Cm("b", "x", 3), Cm("a", "y", 2), Cm("a", "x", 1)], 3);
        var (all, rev) = cache.Snapshot(Prefix, null, null, 0, out var more);
        Assert.Equal(["a/x", "a/y", "b/x"], all.Select(o => $"{o.Namespace}/{o.Name}"));
        Assert.Equal(3, rev);
        Assert.False(more);
        var (page, _) = cache.Snapshot($"{Prefix}a/", null, null, 1, out more);
        Assert.True(more);
        var (rest, _) = cache.Snapshot($"{Prefix}a/", page[^1].Key, null, 1, out more);
        Assert.Equal("y", Assert.Single(rest).Name);
        Assert.False(more);
    }

    [Fact]
    public void WatchFromARevisionReplaysLaterEventsThenLiveOnes()
    {
        var cache = new WatchCache(Prefix);
        cache.Reset([], 1);
        cache.Apply(new CacheEvent("ADDED", Cm("a", "one", 2), null, 2));
        cache.Apply(new CacheEvent("ADDED", Cm("a", "two", 3), null, 3));
        var sub = cache.Subscribe(2, _ => true);
        Assert.Equal(["two"], sub.DrainInitial().Select(e => e.Object.Name));
        cache.Apply(new CacheEvent("MODIFIED", Cm("a", "one", 4), Cm("a", "one", 2), 4));
        Assert.True(sub.Reader.TryRead(out var live));
        Assert.Equal(("MODIFIED", "one", 4L), (live!.Type, live.Object.Name, live.Revision));
    }

    [Fact]
    public void WatchWithoutRevisionStartsWithTheCurrentObjects()
    {
        var cache = new WatchCache(Prefix);
        cache.Reset([Cm("a", "one", 5)], 5);
        var sub = cache.Subscribe(null, _ => true);
        var initial = Assert.Single(sub.DrainInitial());
        Assert.Equal("ADDED", initial.Type);
    }

    [Fact]
    public void WatchFromARevisionTheRingNoLongerHoldsIsGone()
    {
        var cache = new WatchCache(Prefix, capacity: 2);
        cache.Reset([], 1);
        for (var rev = 2; rev <= 5; rev++) cache.Apply(new CacheEvent("ADDED", Cm("a", $"o{rev}", rev), null, rev));
        var error = Assert.Throws<StatusError>(() => cache.Subscribe(2, _ => true));
        Assert.Equal(410, error.Code);
        Assert.Equal("Expired", error.Reason);
        Assert.Equal(["o5"], cache.Subscribe(4, _ => true).DrainInitial().Select(e => e.Object.Name));
    }

    [Fact]
    public void AQuietResourceServesWatchesFromAnyRevisionSinceItWasFilled()
    {
        var cache = new WatchCache(Prefix, capacity: 2);
        cache.Reset([Cm("a", "one", 5)], 5);
        cache.Advance(500);
        Assert.Empty(cache.Subscribe(5, _ => true).DrainInitial());
        Assert.Equal(410, Assert.Throws<StatusError>(() => cache.Subscribe(4, _ => true)).Code);
    }

    [Fact]
    public void AnObjectLeavingTheSelectionIsDeletedForThatWatcher()
    {
        var cache = new WatchCache(Prefix);
        cache.Reset([Cm("a", "one", 2, "web")], 2);
        var sub = cache.Subscribe(2, o => o.Labels?.GetValueOrDefault("app") == "web");
        cache.Apply(new CacheEvent("MODIFIED", Cm("a", "one", 3, "db"), Cm("a", "one", 2, "web"), 3));
        Assert.True(sub.Reader.TryRead(out var ev));
        Assert.Equal("DELETED", ev!.Type);
        cache.Apply(new CacheEvent("MODIFIED", Cm("a", "one", 4, "web"), Cm("a", "one", 3, "db"), 4));
        Assert.True(sub.Reader.TryRead(out ev));
        Assert.Equal("ADDED", ev!.Type);
    }

    [Fact]
    public void AWatcherThatFallsBehindIsEndedRatherThanBlockingOthers()
    {
        var cache = new WatchCache(Prefix);
        cache.Reset([], 1);
        var slow = cache.Subscribe(1, _ => true, buffer: 2);
        var fast = cache.Subscribe(1, _ => true, buffer: 100);
        for (var rev = 2; rev <= 10; rev++) cache.Apply(new CacheEvent("ADDED", Cm("a", $"o{rev}", rev), null, rev));
        Assert.True(slow.Overflowed);
        Assert.False(fast.Overflowed);
        Assert.Equal(9, fast.Reader.Count);
    }
}
