using KubeSharp.Api.Resources;
using KubeSharp.Client.Cache;
using static KubeSharp.Client.Tests.Fakes.Objects;

namespace KubeSharp.Client.Tests.Cache;

public sealed class IndexedStoreTests
{
    [Fact]
    public void Multi_valued_indexes_and_namespace_index()
    {
        var store = new IndexedStore();
        store.AddIndexer("labels", o => JsonMeta.Labels(o)?.Keys ?? []);
        store.Upsert(Pod("a", "p1", labels: new() { ["x"] = "1", ["y"] = "1" }));
        store.Upsert(Pod("b", "p2", labels: new() { ["y"] = "1" }));

        Assert.Single(store.ByIndex("labels", "x"));
        Assert.Equal(2, store.ByIndex("labels", "y").Count);
        Assert.Single(store.ByIndex(IndexedStore.NamespaceIndex, "a"));

        store.Upsert(Pod("a", "p1"));
        Assert.Empty(store.ByIndex("labels", "x"));
        Assert.DoesNotContain("x", store.IndexValues("labels"));
        Assert.NotNull(store.Delete(new NamespacedName("b", "p2")));
        Assert.Empty(store.ByIndex("labels", "y"));
        Assert.Throws<ArgumentException>(() => store.ByIndex("nope", "x"));
        Assert.Throws<ArgumentException>(() => store.AddIndexer("labels", _ => []));
    }

    [Fact]
    public void A_throwing_index_function_leaves_the_store_consistent()
    {
        var store = new IndexedStore();
        store.AddIndexer("bad", o => JsonMeta.Name(o) == "boom" ? throw new InvalidOperationException() : ["ok"]);
        store.Upsert(Pod("a", "boom"));
        store.Upsert(Pod("a", "fine"));
        Assert.Equal(2, store.Count);
        Assert.Single(store.ByIndex("bad", "ok"));
    }
}
