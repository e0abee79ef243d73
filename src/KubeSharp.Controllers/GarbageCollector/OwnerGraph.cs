using System.Text.Json.Nodes;
using KubeSharp.Api.Resources;
using KubeSharp.Client;

namespace KubeSharp.Controllers.GarbageCollector;

/// <summary>An owner reference as the dependent carries it.</summary>
public sealed record OwnerRef(string ApiVersion, string Kind, string Name, string Uid, bool BlockOwnerDeletion);

/// <summary>One object in the graph: where it is, whom it belongs to, and whether it is being deleted and how.</summary>
public sealed record GraphNode(GroupVersionResource Resource, string Namespace, string Name, string Uid, IReadOnlyList<OwnerRef> Owners, bool Deleting, bool Foreground, bool Orphan)
{
    public static GraphNode From(GroupVersionResource gvr, JsonObject obj)
    {
        var meta = obj["metadata"] as JsonObject;
        var owners = (meta?["ownerReferences"] as JsonArray ?? []).OfType<JsonObject>().Select(o => new OwnerRef(
            (string?)o["apiVersion"] ?? "", (string?)o["kind"] ?? "", (string?)o["name"] ?? "", (string?)o["uid"] ?? "",
            o["blockOwnerDeletion"] is JsonValue b && b.TryGetValue<bool>(out var block) && block)).ToList();
        var finalizers = (meta?["finalizers"] as JsonArray ?? []).Select(f => (string?)f).ToList();
        return new GraphNode(gvr, JsonMeta.Namespace(obj) ?? "", JsonMeta.Name(obj) ?? "", JsonMeta.Uid(obj) ?? "", owners,
            meta?["deletionTimestamp"] is not null, finalizers.Contains("foregroundDeletion"), finalizers.Contains("orphan"));
    }
}

/// <summary>
/// The owner → dependents graph of every object in the cluster, kept by the garbage collector's
/// informers. Dependents are indexed by owner uid, so absent owners (never seen, or deleted) are
/// found without scanning.
/// </summary>
public sealed class OwnerGraph
{
    readonly Lock _gate = new();
    readonly Dictionary<string, GraphNode> _nodes = new(StringComparer.Ordinal);
    readonly Dictionary<string, HashSet<string>> _dependents = new(StringComparer.Ordinal);

    public void Upsert(GraphNode node)
    {
        lock (_gate)
        {
            if (_nodes.TryGetValue(node.Uid, out var old))
                foreach (var o in old.Owners) Unlink(o.Uid, node.Uid);
            _nodes[node.Uid] = node;
            foreach (var o in node.Owners)
            {
                if (!_dependents.TryGetValue(o.Uid, out var set)) _dependents[o.Uid] = set = new HashSet<string>(StringComparer.Ordinal);
                set.Add(node.Uid);
            }
        }
    }

    public void Remove(string uid)
    {
        lock (_gate)
        {
            if (!_nodes.Remove(uid, out var old)) return;
            foreach (var o in old.Owners) Unlink(o.Uid, uid);
        }
    }

    void Unlink(string owner, string dependent)
    {
        if (_dependents.TryGetValue(owner, out var set) && set.Remove(dependent) && set.Count == 0) _dependents.Remove(owner);
    }

    public GraphNode? Get(string uid)
    {
        lock (_gate) return _nodes.GetValueOrDefault(uid);
    }

    public IReadOnlyList<GraphNode> DependentsOf(string ownerUid)
    {
        lock (_gate)
            return _dependents.TryGetValue(ownerUid, out var set) ? set.Select(u => _nodes[u]).ToList() : [];
    }
}
