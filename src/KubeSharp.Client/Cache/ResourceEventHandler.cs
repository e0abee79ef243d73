using System.Text.Json.Nodes;

namespace KubeSharp.Client.Cache;

/// <summary>
/// Callbacks for changes in an informer's cache, called one at a time in the order the changes happened.
/// The objects are the cached instances: never change them (DeepClone first); keep handlers short —
/// the usual body just enqueues a key.
/// </summary>
public sealed record ResourceEventHandler
{
    public Action<JsonObject>? OnAdd { get; init; }
    /// <summary>Old and new state; also called with the same object twice on a resync.</summary>
    public Action<JsonObject, JsonObject>? OnUpdate { get; init; }
    /// <summary>The last state known: the deleted object, or the last cached one when the deletion was learnt by relisting.</summary>
    public Action<JsonObject>? OnDelete { get; init; }
}
