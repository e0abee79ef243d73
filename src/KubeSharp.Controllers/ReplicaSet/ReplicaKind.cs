using System.Text.Json.Nodes;
using KubeSharp.Api.Model;
using LabelSelector = KubeSharp.Api.Selectors.LabelSelector;
using KubeSharp.Api.Resources;
using KubeSharp.Api.Selectors;

namespace KubeSharp.Controllers.ReplicaSet;

/// <summary>
/// What differs between the two kinds one <see cref="ReplicaManager"/> serves: the resource, the names
/// used in owner references and events, and how the pod selector is written (a label selector for
/// ReplicaSets, a plain label map for ReplicationControllers).
/// </summary>
public sealed record ReplicaKind(GroupVersionResource Resource, string ApiVersion, string Kind, string ControllerName, string EventSource)
{
    public static readonly ReplicaKind ReplicaSet = new(new("apps", "v1", "replicasets"), "apps/v1", "ReplicaSet", "replicaset", "replicaset-controller");

    public static readonly ReplicaKind ReplicationController = new(new("", "v1", "replicationcontrollers"), "v1", "ReplicationController", "replicationcontroller", "replication-controller");

    /// <summary>The field manager of every write, as upstream's controllers appear in managedFields.</summary>
    public const string FieldManager = "kube-controller-manager";

    bool MapSelector => Kind == "ReplicationController";

    /// <summary>
    /// The pods the owner selects. A ReplicationController without a selector selects its template's
    /// labels (the server defaults it so); a broken selector selects nothing.
    /// </summary>
    public LabelSelector Selector(JsonObject owner)
    {
        var spec = owner["spec"];
        try
        {
            if (MapSelector)
            {
                var set = ObjectFields.StringMap(spec?["selector"]);
                if (set.Count == 0) set = ObjectFields.StringMap(spec?["template"]?["metadata"]?["labels"]);
                return set.Count == 0 ? LabelSelector.Nothing : LabelSelector.FromSet(set);
            }
            return LabelSelector.FromModel(KubeJson.Deserialize<Api.Model.LabelSelector>(spec?["selector"]));
        }
        catch (Exception e) when (e is SelectorParseException or System.Text.Json.JsonException)
        {
            return LabelSelector.Nothing;
        }
    }

    /// <summary>spec.replicas, 1 when unset as the API defaults it.</summary>
    public static int Replicas(JsonObject owner) => ObjectFields.Int(owner["spec"]?["replicas"]) ?? 1;

    public static int MinReadySeconds(JsonObject owner) => ObjectFields.Int(owner["spec"]?["minReadySeconds"]) ?? 0;
}
