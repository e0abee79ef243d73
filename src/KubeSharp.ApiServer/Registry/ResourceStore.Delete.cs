using System.Text.Json.Nodes;
using KubeSharp.Api.Errors;
using KubeSharp.Api.Model;
using KubeSharp.Api.Resources;
using KubeSharp.Storage;

namespace KubeSharp.ApiServer.Registry;

public sealed partial class ResourceStore
{
    public const string OrphanFinalizer = "orphan";
    public const string ForegroundFinalizer = "foregroundDeletion";

    /// <summary>
    /// Deletes an object, or marks it for deletion when finalizers, foreground/orphan propagation or a
    /// pod's graceful termination must run first. Returns the object and whether it is gone from storage.
    /// </summary>
    public async Task<(JsonObject Object, bool Deleted)> DeleteAsync(string? ns, string name, DeleteParams p, CancellationToken ct)
    {
        var key = KeyFor(ns, name);
        for (var attempt = 0; ; attempt++)
        {
            var kv = await _ctx.Store.GetAsync(key, ct) ?? throw NotFound(name);
            var current = StoredJson.Parse(kv.Value.Span, kv.ModRevision);
            var meta = JsonMeta.Meta(current);
            if (p.PreconditionUid is { Length: > 0 } uid && uid != JsonMeta.Uid(current))
                throw StatusError.Conflict(Definition.GroupResource, name, $"Precondition failed: UID in precondition: {uid}, UID in object meta: {JsonMeta.Uid(current)}");
            if (p.PreconditionResourceVersion is { Length: > 0 } rv && rv != JsonMeta.ResourceVersion(current))
                throw StatusError.Conflict(Definition.GroupResource, name, $"Precondition failed: ResourceVersion in precondition: {rv}, ResourceVersion in object meta: {JsonMeta.ResourceVersion(current)}");

            var updated = (JsonObject)current.DeepClone();
            var umeta = JsonMeta.Meta(updated);
            var finalizers = JsonMeta.Finalizers(updated);
            var now = _ctx.Time.GetUtcNow();
            var alreadyDeleting = JsonMeta.DeletionTimestamp(current) is not null;

            switch (p.PropagationPolicy)
            {
                case "Orphan" when !finalizers.Contains(OrphanFinalizer):
                    finalizers.Remove(ForegroundFinalizer);
                    finalizers.Add(OrphanFinalizer);
                    break;
                case "Foreground" when !finalizers.Contains(ForegroundFinalizer):
                    finalizers.Remove(OrphanFinalizer);
                    finalizers.Add(ForegroundFinalizer);
                    break;
                case "Background":
                    finalizers.Remove(OrphanFinalizer);
                    finalizers.Remove(ForegroundFinalizer);
                    break;
                case null or "" or "Orphan" or "Foreground":
                    break;
                default:
                    throw StatusError.Invalid("meta.k8s.io", "DeleteOptions", "", [Api.Validation.FieldError.NotSupported("propagationPolicy", p.PropagationPolicy, ["Foreground", "Background", "Orphan"])]);
            }
            JsonMeta.SetFinalizers(updated, finalizers);

            var grace = GracePeriod(current, p);
            var graceful = grace is > 0 && IsBoundPod(current);
            var namespaceFinalizers = HasNamespaceFinalizers(current);
            if (namespaceFinalizers && Definition.Kind == "Namespace")
            {
                updated["status"] ??= new JsonObject();
                ((JsonObject)updated["status"]!)["phase"] = "Terminating";
            }

            if (finalizers.Count == 0 && !graceful && !namespaceFinalizers)
            {
                if (p.DryRun) return (current, true);
                try
                {
                    var deleted = await _ctx.Store.DeleteAsync(key, kv.ModRevision, ct);
                    JsonMeta.SetResourceVersion(current, deleted.ModRevision);
                    return (current, true);
                }
                catch (ConflictException) when (attempt < 10) { continue; }
                catch (KeyNotFoundException) { throw NotFound(name); }
            }

            // Mark for deletion; finalizers, the garbage collector or the node agent finish it.
            if (!alreadyDeleting)
            {
                var at = graceful ? now.AddSeconds(grace!.Value) : now;
                umeta["deletionTimestamp"] = KubeJson.FormatTime(at);
                umeta["deletionGracePeriodSeconds"] = graceful ? grace!.Value : 0;
            }
            else if (graceful && grace < (umeta["deletionGracePeriodSeconds"]?.GetValue<long>() ?? long.MaxValue))
            {
                // A shorter grace period may replace a longer one, as upstream allows.
                umeta["deletionTimestamp"] = KubeJson.FormatTime(now.AddSeconds(grace!.Value));
                umeta["deletionGracePeriodSeconds"] = grace.Value;
            }
            if (JsonNode.DeepEquals(updated, current)) return (current, false);
            if (p.DryRun) return (updated, false);
            umeta.Remove("resourceVersion");
            try
            {
                var written = await _ctx.Store.UpdateAsync(key, Serialize(updated), kv.ModRevision, ct);
                JsonMeta.SetResourceVersion(updated, written.ModRevision);
                return (updated, false);
            }
            catch (ConflictException) when (attempt < 10) { }
            catch (KeyNotFoundException) { throw NotFound(name); }
        }
    }

    long? GracePeriod(JsonObject obj, DeleteParams p)
    {
        if (Definition.Kind != "Pod" || Definition.Group.Length != 0) return 0;
        if (p.GracePeriodSeconds is { } g) return g;
        return obj["spec"]?["terminationGracePeriodSeconds"]?.GetValue<long>() ?? 30;
    }

    bool IsBoundPod(JsonObject obj)
    {
        if (Definition.Kind != "Pod" || Definition.Group.Length != 0) return false;
        if (string.IsNullOrEmpty(JsonMeta.Str(obj["spec"]?["nodeName"]))) return false;
        // A pod that already finished has nothing to stop.
        var phase = JsonMeta.Str(obj["status"]?["phase"]);
        return phase is not ("Succeeded" or "Failed");
    }
}
