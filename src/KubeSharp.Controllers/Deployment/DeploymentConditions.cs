using KubeSharp.Api.Model.Apps;

namespace KubeSharp.Controllers.Deployment;

/// <summary>The Deployment condition types and reasons upstream uses, and how conditions are replaced.</summary>
public static class DeploymentConditions
{
    public const string Available = "Available";
    public const string Progressing = "Progressing";
    public const string ReplicaFailure = "ReplicaFailure";

    public const string NewReplicaSetCreated = "NewReplicaSetCreated";
    public const string FoundNewReplicaSet = "FoundNewReplicaSet";
    public const string ReplicaSetUpdated = "ReplicaSetUpdated";
    public const string NewReplicaSetAvailable = "NewReplicaSetAvailable";
    public const string ProgressDeadlineExceeded = "ProgressDeadlineExceeded";
    public const string ReplicaSetCreateError = "ReplicaSetCreateError";
    public const string DeploymentPaused = "DeploymentPaused";
    public const string DeploymentResumed = "DeploymentResumed";
    public const string MinimumReplicasAvailable = "MinimumReplicasAvailable";
    public const string MinimumReplicasUnavailable = "MinimumReplicasUnavailable";

    public static DeploymentCondition New(string type, string status, string reason, string message, DateTimeOffset now) =>
        new() { Type = type, Status = status, Reason = reason, Message = message, LastUpdateTime = now, LastTransitionTime = now };

    public static DeploymentCondition? Get(DeploymentStatus status, string type) =>
        status.Conditions?.FirstOrDefault(c => c.Type == type);

    /// <summary>
    /// Upstream's SetDeploymentCondition: a condition with the same status and reason is left as it is;
    /// one with the same status keeps its transition time; otherwise it replaces the old one.
    /// </summary>
    public static DeploymentStatus Set(DeploymentStatus status, DeploymentCondition condition)
    {
        var current = Get(status, condition.Type);
        if (current is not null && current.Status == condition.Status && current.Reason == condition.Reason) return status;
        if (current is not null && current.Status == condition.Status) condition = condition with { LastTransitionTime = current.LastTransitionTime };
        return status with { Conditions = [.. Without(status, condition.Type), condition] };
    }

    public static DeploymentStatus Remove(DeploymentStatus status, string type) =>
        Get(status, type) is null ? status : status with { Conditions = NullIfEmpty(Without(status, type)) };

    static List<DeploymentCondition> Without(DeploymentStatus status, string type) =>
        status.Conditions?.Where(c => c.Type != type).ToList() ?? [];

    static List<DeploymentCondition>? NullIfEmpty(List<DeploymentCondition> list) => list.Count == 0 ? null : list;
}
