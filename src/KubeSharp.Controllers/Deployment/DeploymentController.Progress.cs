namespace KubeSharp.Controllers.Deployment;

/// <summary>Rollout progress: the Progressing condition, the progress deadline, pause and resume (upstream's progress.go).</summary>
public sealed partial class DeploymentController
{
    /// <summary>Writes the status with the Progressing condition brought up to date, and schedules the deadline check.</summary>
    async Task SyncRolloutStatusAsync(DeploymentState d, List<ReplicaSetView> allRSs, ReplicaSetView? newRS, CancellationToken ct)
    {
        var now = Now();
        var status = DeploymentStatusCalculator.Calculate(allRSs, newRS, d, now);
        if (!d.HasProgressDeadline) status = DeploymentConditions.Remove(status, DeploymentConditions.Progressing);

        var current = DeploymentConditions.Get(d.Status, DeploymentConditions.Progressing);
        var alreadyComplete = status.Replicas == status.UpdatedReplicas && current?.Reason == DeploymentConditions.NewReplicaSetAvailable;
        if (d.HasProgressDeadline && !alreadyComplete)
        {
            if (DeploymentStatusCalculator.Complete(d, status))
            {
                var message = newRS is null ? $"Deployment \"{d.Name}\" has successfully progressed." : $"ReplicaSet \"{newRS.Name}\" has successfully progressed.";
                status = DeploymentConditions.Set(status, DeploymentConditions.New(DeploymentConditions.Progressing, "True", DeploymentConditions.NewReplicaSetAvailable, message, now));
            }
            else if (DeploymentStatusCalculator.Progressing(d, status))
            {
                var message = newRS is null ? $"Deployment \"{d.Name}\" is progressing." : $"ReplicaSet \"{newRS.Name}\" is progressing.";
                var condition = DeploymentConditions.New(DeploymentConditions.Progressing, "True", DeploymentConditions.ReplicaSetUpdated, message, now);
                // Progress refreshes lastUpdateTime even with an unchanged reason; the transition time stays while it stays True.
                if (current is not null)
                {
                    if (current.Status == "True") condition = condition with { LastTransitionTime = current.LastTransitionTime };
                    status = DeploymentConditions.Remove(status, DeploymentConditions.Progressing);
                }
                status = DeploymentConditions.Set(status, condition);
            }
            else if (DeploymentStatusCalculator.TimedOut(d, status, now))
            {
                var message = newRS is null ? $"Deployment \"{d.Name}\" has timed out progressing." : $"ReplicaSet \"{newRS.Name}\" has timed out progressing.";
                status = DeploymentConditions.Set(status, DeploymentConditions.New(DeploymentConditions.Progressing, "False", DeploymentConditions.ProgressDeadlineExceeded, message, now));
            }
        }

        // The new ReplicaSet's failure to create pods surfaces on the Deployment.
        var failure = allRSs.Select(r => r.Json["status"]?["conditions"]).OfType<System.Text.Json.Nodes.JsonArray>()
            .SelectMany(a => a.OfType<System.Text.Json.Nodes.JsonObject>())
            .FirstOrDefault(c => ReplicaSet.ObjectFields.Str(c["type"]) == DeploymentConditions.ReplicaFailure);
        status = failure is not null
            ? DeploymentConditions.Set(status, DeploymentConditions.New(DeploymentConditions.ReplicaFailure, ReplicaSet.ObjectFields.Str(failure["status"]) ?? "True",
                ReplicaSet.ObjectFields.Str(failure["reason"]) ?? "", ReplicaSet.ObjectFields.Str(failure["message"]) ?? "", now))
            : DeploymentConditions.Remove(status, DeploymentConditions.ReplicaFailure);

        var before = d.Json;
        await WriteStatusAsync(d, status, ct);
        if (ReferenceEquals(before, d.Json)) RequeueStuckDeployment(d, status, now);
    }

    /// <summary>Without progress nothing else wakes the Deployment up; look again when the deadline passes.</summary>
    void RequeueStuckDeployment(DeploymentState d, Api.Model.Apps.DeploymentStatus status, DateTimeOffset now)
    {
        var current = DeploymentConditions.Get(d.Status, DeploymentConditions.Progressing);
        if (!d.HasProgressDeadline || current?.LastUpdateTime is not { } lastUpdate) return;
        if (DeploymentStatusCalculator.Complete(d, status) || current.Reason == DeploymentConditions.ProgressDeadlineExceeded) return;
        var after = lastUpdate.AddSeconds(d.Spec.ProgressDeadlineSeconds!.Value) - now;
        var key = new Api.Resources.NamespacedName(d.Namespace, d.Name);
        if (after < TimeSpan.FromSeconds(1)) _queue.AddRateLimited(key);
        else _queue.AddAfter(key, after + TimeSpan.FromSeconds(1));
    }

    /// <summary>
    /// Marks pause and resume in the Progressing condition, so the time spent paused never counts
    /// against the progress deadline.
    /// </summary>
    async Task CheckPausedConditionsAsync(DeploymentState d, CancellationToken ct)
    {
        if (!d.HasProgressDeadline) return;
        var current = DeploymentConditions.Get(d.Status, DeploymentConditions.Progressing);
        if (current?.Reason == DeploymentConditions.ProgressDeadlineExceeded) return;
        var pausedMarked = current?.Reason == DeploymentConditions.DeploymentPaused;
        if (d.Paused && !pausedMarked)
            await WriteStatusAsync(d, DeploymentConditions.Set(d.Status, DeploymentConditions.New(DeploymentConditions.Progressing, "Unknown",
                DeploymentConditions.DeploymentPaused, "Deployment is paused", Now())), ct);
        else if (!d.Paused && pausedMarked)
            await WriteStatusAsync(d, DeploymentConditions.Set(d.Status, DeploymentConditions.New(DeploymentConditions.Progressing, "Unknown",
                DeploymentConditions.DeploymentResumed, "Deployment is resumed", Now())), ct);
    }
}
