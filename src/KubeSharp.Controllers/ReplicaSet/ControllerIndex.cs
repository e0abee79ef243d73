using System.Text.Json.Nodes;
using KubeSharp.Api.Resources;
using KubeSharp.Client;
using KubeSharp.Client.Cache;

namespace KubeSharp.Controllers.ReplicaSet;

/// <summary>
/// An informer index of children by their controller: "uid:&lt;owner uid&gt;" for controlled objects and
/// "orphan:&lt;namespace&gt;" for objects without a controller, so an owner finds its candidates without
/// scanning its whole namespace.
/// </summary>
public static class ControllerIndex
{
    public const string Name = "kubesharp.io/controller-ref";

    public static string Owned(string ownerUid) => "uid:" + ownerUid;

    public static string Orphans(string ns) => "orphan:" + ns;

    /// <summary>Adds the index unless another controller sharing the informer already did (same function, same name).</summary>
    public static void EnsureOn(Informer informer)
    {
        try { informer.AddIndexer(Name, Key); }
        catch (ArgumentException) { }
    }

    static string? Key(JsonObject obj) =>
        ObjectFields.ControllerOf(obj) is { } owner ? Owned(owner.Uid) : Orphans(JsonMeta.Namespace(obj) ?? "");

    /// <summary>Objects controlled by <paramref name="ownerUid"/> plus the orphans of <paramref name="ns"/>: everything an owner might claim.</summary>
    public static IEnumerable<JsonObject> Candidates(Informer informer, string ns, string ownerUid) =>
        informer.ByIndex(Name, Owned(ownerUid)).Concat(informer.ByIndex(Name, Orphans(ns)));
}
