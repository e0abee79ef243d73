using System.Text.Json.Nodes;
using KubeSharp.Api.Errors;
using KubeSharp.Api.Resources;
using KubeSharp.Client;
using KubeSharp.Client.Events;
using KubeSharp.Controllers.History;

namespace KubeSharp.Controllers.StatefulSet;

/// <summary>
/// The per-ordinal PersistentVolumeClaims made from a set's volumeClaimTemplates. Claims are created before
/// their pod and are not owned by it, so they outlive it; the retention policy decides whether the set
/// (whenDeleted: Delete) or, once scaled away, the pod (whenScaled: Delete) owns them instead.
/// </summary>
public sealed class StatefulSetClaims(IApiClient api, Func<string?, string, JsonObject?> getClaim, EventRecorder? events, string fieldManager)
{
    public static readonly GroupVersionResource Resource = new("", "v1", "persistentvolumeclaims");

    WriteOptions Options => new() { FieldManager = fieldManager };

    /// <summary>The claims the pod of <paramref name="ordinal"/> should have, by name.</summary>
    public static IReadOnlyList<JsonObject> Desired(JsonObject set, int ordinal)
    {
        var setName = JsonMeta.Name(set)!;
        var selectorLabels = JsonFields.Obj(set, "spec", "selector", "matchLabels");
        var claims = new List<JsonObject>();
        foreach (var template in JsonFields.Items(JsonFields.Arr(set, "spec", "volumeClaimTemplates")))
        {
            var claim = (JsonObject)template.DeepClone();
            claim.Remove("status");
            var meta = JsonFields.Ensure(claim, "metadata");
            var templateName = JsonFields.Str(meta, "name") ?? "";
            meta["name"] = StatefulPodIdentity.ClaimName(templateName, setName, ordinal);
            meta["namespace"] = JsonMeta.Namespace(set);
            if (selectorLabels is { Count: > 0 })
            {
                var labels = JsonFields.Ensure(meta, "labels");
                foreach (var (k, v) in selectorLabels) labels[k] = v?.DeepClone();
            }
            claim["apiVersion"] = "v1";
            claim["kind"] = "PersistentVolumeClaim";
            claims.Add(claim);
        }
        return claims;
    }

    /// <summary>
    /// True when a claim of this ordinal cannot be used by a new pod yet: it is being deleted, or an earlier
    /// pod of this ordinal owns it (whenScaled: Delete) and the garbage collector is about to remove it.
    /// </summary>
    public bool AnyStale(JsonObject set, int ordinal) =>
        Desired(set, ordinal).Select(c => getClaim(JsonMeta.Namespace(c), JsonMeta.Name(c)!)).OfType<JsonObject>()
            .Any(c => c["metadata"]?["deletionTimestamp"] is not null
                || JsonFields.Items(JsonFields.Arr(c, "metadata", "ownerReferences")).Any(r => JsonFields.Str(r, "kind") == "Pod"));

    /// <summary>Creates the claims of this ordinal that do not exist yet, owned as the retention policy says.</summary>
    public async Task CreateMissingAsync(JsonObject set, JsonObject pod, int ordinal, CancellationToken ct)
    {
        foreach (var claim in Desired(set, ordinal))
        {
            if (getClaim(JsonMeta.Namespace(claim), JsonMeta.Name(claim)!) is not null) continue;
            ApplyRetention(set, claim, null, scaledDown: false);
            try
            {
                await api.CreateAsync(Resource, JsonMeta.Namespace(claim), claim, options: Options, ct: ct);
                events?.Event(set, EventTypes.Normal, "SuccessfulCreate",
                    $"create Claim {JsonMeta.Name(claim)} Pod {JsonMeta.Name(pod)} in StatefulSet {JsonMeta.Name(set)} success");
            }
            catch (StatusError e) when (e.Code == 409) { }
            catch (StatusError e)
            {
                events?.Event(set, EventTypes.Warning, "FailedCreate",
                    $"create Claim {JsonMeta.Name(claim)} for Pod {JsonMeta.Name(pod)} in StatefulSet {JsonMeta.Name(set)} failed error: {e.Message}");
                throw;
            }
        }
    }

    /// <summary>True when every existing claim of the pod is owned as the retention policy asks.</summary>
    public bool RetentionMatches(JsonObject set, JsonObject pod, int ordinal, bool scaledDown) =>
        Existing(set, ordinal).All(c => !ApplyRetention(set, (JsonObject)c.DeepClone(), pod, scaledDown));

    /// <summary>Rewrites the owner references of the pod's claims to match the retention policy.</summary>
    public async Task UpdateRetentionAsync(JsonObject set, JsonObject pod, int ordinal, bool scaledDown, CancellationToken ct)
    {
        foreach (var claim in Existing(set, ordinal))
        {
            var copy = (JsonObject)claim.DeepClone();
            if (!ApplyRetention(set, copy, pod, scaledDown)) continue;
            try { await api.UpdateAsync(Resource, JsonMeta.Namespace(copy), copy, options: Options, ct: ct); }
            catch (StatusError e) when (e.Code is 404 or 409) { }
        }
    }

    IEnumerable<JsonObject> Existing(JsonObject set, int ordinal) =>
        Desired(set, ordinal).Select(c => getClaim(JsonMeta.Namespace(c), JsonMeta.Name(c)!)).OfType<JsonObject>();

    /// <summary>
    /// Sets the claim's owners: the set when whenDeleted is Delete (unless the pod was scaled away and
    /// whenScaled is Delete, when the pod owns it instead). Returns true when the claim changed.
    /// </summary>
    static bool ApplyRetention(JsonObject set, JsonObject claim, JsonObject? pod, bool scaledDown)
    {
        var whenDeleted = JsonFields.Str(set, "spec", "persistentVolumeClaimRetentionPolicy", "whenDeleted") ?? "Retain";
        var whenScaled = JsonFields.Str(set, "spec", "persistentVolumeClaimRetentionPolicy", "whenScaled") ?? "Retain";
        var podOwns = scaledDown && whenScaled == "Delete";
        var setOwns = whenDeleted == "Delete" && !podOwns;
        var changed = setOwns
            ? ControllerRefs.Add(claim, ControllerRefs.New(set, "apps/v1", "StatefulSet"))
            : ControllerRefs.Remove(claim, JsonMeta.Uid(set));
        if (pod is null) return changed;
        if (podOwns)
            changed |= ControllerRefs.Add(claim, new JsonObject
            {
                ["apiVersion"] = "v1",
                ["kind"] = "Pod",
                ["name"] = JsonMeta.Name(pod),
                ["uid"] = JsonMeta.Uid(pod),
            });
        else changed |= ControllerRefs.Remove(claim, JsonMeta.Uid(pod));
        return changed;
    }
}
