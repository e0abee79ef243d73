using System.Text.Json.Nodes;
using KubeSharp.Api.Model;
using KubeSharp.Api.Model.Apps;
using KubeSharp.Client;
using KubeSharp.Controllers.ReplicaSet;
using DeploymentModel = KubeSharp.Api.Model.Apps.Deployment;

namespace KubeSharp.Controllers.Deployment;

/// <summary>
/// One Deployment during one sync: its spec as read, the status being worked out, and the latest JSON
/// from the server (kept current after each write so later writes of the same sync do not conflict).
/// </summary>
public sealed class DeploymentState
{
    public DeploymentState(JsonObject json)
    {
        Json = json;
        Model = KubeJson.Deserialize<DeploymentModel>(json) ?? new DeploymentModel();
        Status = Model.Status ?? new DeploymentStatus();
        Annotations = new Dictionary<string, string>(Model.Metadata.Annotations ?? [], StringComparer.Ordinal);
    }

    public JsonObject Json { get; set; }
    public DeploymentModel Model { get; }
    public DeploymentStatus Status { get; set; }
    public Dictionary<string, string> Annotations { get; }

    public string Name => Model.Metadata.Name ?? "";
    public string Namespace => Model.Metadata.Namespace ?? "";
    public string Uid => Model.Metadata.Uid ?? "";
    public long Generation => Model.Metadata.Generation ?? 0;
    public bool Deleting => Model.Metadata.DeletionTimestamp is not null;
    public DeploymentSpec Spec => Model.Spec ?? new DeploymentSpec();
    public int Replicas => Spec.Replicas ?? 1;
    public bool Paused => Spec.Paused == true;
    public int MinReadySeconds => Spec.MinReadySeconds ?? 0;
    public JsonNode? Template => Json["spec"]?["template"];
    public JsonNode? Selector => Json["spec"]?["selector"];

    /// <summary>The strategy type, RollingUpdate when unset as the API defaults it.</summary>
    public string StrategyType => Spec.Strategy?.Type ?? "RollingUpdate";

    public bool IsRollingUpdate => StrategyType == "RollingUpdate";

    /// <summary>Upstream's HasProgressDeadline: set and not MaxInt32.</summary>
    public bool HasProgressDeadline => Spec.ProgressDeadlineSeconds is { } s && s != int.MaxValue;

    public bool HasRevisionHistoryLimit => Spec.RevisionHistoryLimit is { } l && l != int.MaxValue;

    public string? Annotation(string key) => Annotations.GetValueOrDefault(key);

    /// <summary>The object the recorder names in events.</summary>
    public Client.Events.InvolvedObject Involved => ObjectFields.Involved(Json, "apps/v1", "Deployment");
}

